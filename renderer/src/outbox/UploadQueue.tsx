import { useState } from 'react';
import { request } from '../api/client';
import type { ErrorView } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';
import type { QueueEvent, QueueState } from './queueReducer';
import { UploadItem } from './UploadItem';
import { useStateAnnouncement } from './useStateAnnouncement';

interface UploadQueueProps {
  queue: QueueState;
  listed: boolean;
  listError: ErrorView | null;
  onReply: (event: QueueEvent) => void;
}

export function UploadQueue({ queue, listed, listError, onReply }: UploadQueueProps) {
  const [toggleError, setToggleError] = useState<ErrorView | null>(null);
  const announcement = useStateAnnouncement(queue.items, listed);
  const waiting = queue.items.filter((item) => item.state === 'queued' || item.state === 'failed' || item.state === 'sending').length;

  async function togglePaused() {
    setToggleError(null);
    const outcome = await request('outbox:setPaused', { paused: !queue.paused });
    if (outcome.ok) onReply({ type: 'listed', summary: outcome.value });
    else setToggleError(outcome.error);
  }

  return (
    <section className="panel uploads" aria-labelledby="uploads-heading">
      <div className="section-head">
        <h2 id="uploads-heading">{t.queue.heading}</h2>
        {/* Signed out, only signing in can resume; a Resume button would do nothing. */}
        {queue.pausedReason !== 'signed-out' && (
          <button type="button" className="button-quiet" onClick={() => void togglePaused()}>
            {queue.paused ? t.queue.resume : t.queue.pause}
          </button>
        )}
      </div>
      {queue.paused && (
        <p className="paused-banner" role="status">
          {queue.pausedReason === 'signed-out' ? t.queue.signInToSend(waiting) : t.queue.pausedByUser}
        </p>
      )}
      {toggleError && <ErrorMessage error={toggleError} />}
      {listError && <ErrorMessage error={listError} context={t.queue.listFailed} announce={false} />}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {/* The list is there even when empty, so it can be found and watched before anything arrives. */}
      <ul className="upload-list" aria-label={t.queue.listLabel}>
        {queue.items.map((item) => (
          <UploadItem key={item.id} item={item} onReply={onReply} />
        ))}
      </ul>
      {queue.items.length === 0 && <p className="muted">{t.queue.empty}</p>}
    </section>
  );
}
