import { useId, useState } from 'react';
import { request } from '../api/client';
import type { ErrorView, OutboxItemView } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { formatSize } from '../format';
import { t } from '../strings';
import type { QueueEvent } from './queueReducer';

/** Only web links are opened, and main's window-open handler still decides which hosts. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function percentSent(item: OutboxItemView): number {
  return item.size > 0 ? Math.min(100, Math.round((item.sentBytes / item.size) * 100)) : 0;
}

interface UploadItemProps {
  item: OutboxItemView;
  onReply: (event: QueueEvent) => void;
}

export function UploadItem({ item, onReply }: UploadItemProps) {
  const titleId = useId();
  const [actionError, setActionError] = useState<ErrorView | null>(null);
  const canRetry = item.state === 'failed' || item.state === 'needs-review';
  const canCancel = item.state === 'queued' || item.state === 'failed';

  async function act(channel: 'outbox:retry' | 'outbox:cancel') {
    setActionError(null);
    const outcome = await request(channel, { id: item.id });
    if (outcome.ok) onReply({ type: 'changed', item: outcome.value });
    else setActionError(outcome.error);
  }

  return (
    <li className={`upload upload-${item.state}`} aria-labelledby={titleId}>
      <div className="upload-head">
        <p className="upload-title" id={titleId}>
          {item.title}
        </p>
        <span className={`state-badge state-${item.state}`}>{t.queue.state[item.state]}</span>
      </div>
      <p className="upload-meta">
        <span className="upload-patient">
          {t.queue.forPatient(item.patient.displayName)}
          {item.patient.chartLabel ? ` · ${item.patient.chartLabel}` : ''}
        </span>
        <span>
          {item.targetLabel} · {formatSize(item.size)}
        </span>
      </p>
      {item.state === 'sending' && (
        <div
          className="progress"
          role="progressbar"
          aria-label={t.queue.progressLabel(item.title)}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percentSent(item)}
        >
          <div className="progress-bar" style={{ width: `${percentSent(item)}%` }} />
        </div>
      )}
      {item.state === 'needs-review' && <p className="upload-review">{t.queue.needsReview}</p>}
      {/* A queued item with an error is waiting to retry: say why, and that it will go by itself. */}
      {item.error && (item.state === 'failed' || item.state === 'needs-review' || item.state === 'queued') && (
        <ErrorMessage error={item.error} announce={false} />
      )}
      {actionError && <ErrorMessage error={actionError} />}
      {(item.emrId || canRetry || canCancel) && (
        <div className="upload-actions">
          {item.emrId && <span className="muted">{t.queue.emrId(item.emrId)}</span>}
          {item.url && isWebUrl(item.url) && (
            <a href={item.url} target="_blank" rel="noreferrer" aria-describedby={titleId}>
              {t.queue.openInEmr}
            </a>
          )}
          {canRetry && (
            <button type="button" className="button-secondary" aria-describedby={titleId} onClick={() => void act('outbox:retry')}>
              {t.queue.retry}
            </button>
          )}
          {canCancel && (
            <button type="button" className="button-quiet" aria-describedby={titleId} onClick={() => void act('outbox:cancel')}>
              {t.queue.cancel}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
