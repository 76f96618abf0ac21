import { useEffect, useId, useState } from 'react';
import { request } from '../api/client';
import type { ErrorView, OutboxItemView } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { describeError } from '../errorText';
import { formatSize } from '../format';
import { t } from '../strings';
import type { QueueEvent } from './queueReducer';

/** Only web links are opened, and main's window-open handler still decides which hosts. */
function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function percentSent(item: OutboxItemView): number {
  return item.size ? Math.min(100, Math.round((item.sentBytes / item.size) * 100)) : 0;
}

/** A document shows where it goes and its size; a note has no file, so its type stands there. */
function itemMeta(item: OutboxItemView): string {
  return item.kind === 'note' ? t.queue.noteMeta(item.targetLabel) : `${item.targetLabel} · ${formatSize(item.size ?? 0)}`;
}

/** Seconds until `iso`, re-rendered each second so "next in 40 s" counts down. */
function useSecondsUntil(iso: string | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [iso]);
  return iso ? Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000)) : undefined;
}

interface UploadItemProps {
  item: OutboxItemView;
  onReply: (event: QueueEvent) => void;
}

export function UploadItem({ item, onReply }: UploadItemProps) {
  const titleId = useId();
  const [actionError, setActionError] = useState<ErrorView | null>(null);
  const secondsToRetry = useSecondsUntil(item.state === 'queued' ? item.nextAttemptAt : undefined);
  const canRetry = item.state === 'failed' || item.state === 'needs-review';
  const canRemove = item.state === 'queued' || item.state === 'failed' || item.state === 'needs-review';

  async function act(channel: 'outbox:retry' | 'outbox:cancel') {
    setActionError(null);
    const outcome = await request(channel, { id: item.id });
    if (outcome.ok) onReply({ type: 'changed', item: outcome.value });
    else setActionError(outcome.error);
  }

  if (item.state === 'sent') {
    return (
      <li className="upload upload-sent" aria-labelledby={titleId}>
        <div className="upload-head">
          <p className="upload-title" id={titleId}>
            {item.title}
          </p>
          <span className="state-badge state-sent">{t.queue.state.sent}</span>
        </div>
        <p className="upload-meta">
          <span>{itemMeta(item)}</span>
          {item.url && isWebUrl(item.url) && (
            <a href={item.url} target="_blank" rel="noreferrer" aria-describedby={titleId}>
              {t.queue.openInEmr}
            </a>
          )}
        </p>
      </li>
    );
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
        <span>{itemMeta(item)}</span>
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
      {item.state === 'needs-review' && <p className="upload-review">{t.queue.needsReview(item.kind)}</p>}
      {/* A queued item with an error is waiting to retry by itself: say why, which attempt, and when. */}
      {/* An ended session's error is answered by signing in again; once signed in it is old news. */}
      {item.error && item.state === 'queued' && item.error.kind !== 'auth' && (
        <div className="upload-retrying">
          <p className="error-summary">{describeError(item.error).summary}</p>
          <p className="error-action">{t.queue.retrying(item.attempts + 1, secondsToRetry)}</p>
        </div>
      )}
      {item.error && (item.state === 'failed' || item.state === 'needs-review') && (
        <>
          {item.state === 'failed' && item.attempts > 1 && <p className="upload-gave-up">{t.queue.gaveUp(item.attempts)}</p>}
          <ErrorMessage error={item.error} announce={false} />
        </>
      )}
      {actionError && <ErrorMessage error={actionError} />}
      {(canRetry || canRemove) && (
        <div className="upload-actions">
          {canRetry && (
            <button type="button" className="button-secondary" aria-describedby={titleId} onClick={() => void act('outbox:retry')}>
              {t.queue.retry}
            </button>
          )}
          {canRemove && (
            <button type="button" className="button-quiet" aria-describedby={titleId} onClick={() => void act('outbox:cancel')}>
              {t.queue.remove}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
