import { useState } from 'react';
import { request } from '../api/client';
import type { ErrorView } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { patientIdentity } from '../patients/patientIdentity';
import { t } from '../strings';
import { groupByPatient, type QueueGroup } from './queueGroups';
import type { QueueEvent, QueueState } from './queueReducer';
import { UploadItem } from './UploadItem';
import { useStateAnnouncement } from './useStateAnnouncement';

interface UploadQueueProps {
  queue: QueueState;
  listed: boolean;
  listError: ErrorView | null;
  /** The banner's patient: their uploads come first. */
  currentPatientId: string | undefined;
  onReply: (event: QueueEvent) => void;
}

export function UploadQueue({ queue, listed, listError, currentPatientId, onReply }: UploadQueueProps) {
  const [actionError, setActionError] = useState<ErrorView | null>(null);
  const announcement = useStateAnnouncement(queue.items, listed);
  const groups = groupByPatient(queue.items, currentPatientId);
  const filedCount = groups.reduce((n, group) => n + group.filed.length, 0);

  async function act(channel: 'outbox:setPaused' | 'outbox:clearFinished') {
    setActionError(null);
    const outcome = channel === 'outbox:setPaused' ? await request(channel, { paused: !queue.paused }) : await request(channel, null);
    if (outcome.ok) onReply({ type: 'listed', summary: outcome.value, replace: channel === 'outbox:clearFinished' });
    else setActionError(outcome.error);
  }

  return (
    <section className="panel uploads" aria-labelledby="uploads-heading">
      <div className="section-head">
        <h2 id="uploads-heading">{t.queue.heading}</h2>
        <div className="section-actions">
          {filedCount > 0 && (
            <button type="button" className="button-quiet" onClick={() => void act('outbox:clearFinished')}>
              {t.queue.clearFiled(filedCount)}
            </button>
          )}
          {/* Signed out, only signing in can resume; a Resume button would do nothing. */}
          {queue.pausedReason !== 'signed-out' && (
            <button type="button" className="button-quiet" onClick={() => void act('outbox:setPaused')}>
              {queue.paused ? t.queue.resume : t.queue.pause}
            </button>
          )}
        </div>
      </div>
      {queue.paused && queue.pausedReason !== 'signed-out' && (
        <p className="paused-banner" role="status">
          {t.queue.pausedByUser}
        </p>
      )}
      {actionError && <ErrorMessage error={actionError} />}
      {listError && <ErrorMessage error={listError} context={t.queue.listFailed} announce={false} />}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      {groups.map((group) => (
        <PatientUploads key={group.patient.id} group={group} current={group.patient.id === currentPatientId} onReply={onReply} />
      ))}
      {groups.length === 0 && <p className="muted">{t.queue.empty}</p>}
    </section>
  );
}

function PatientUploads({ group, current, onReply }: { group: QueueGroup; current: boolean; onReply: (event: QueueEvent) => void }) {
  const identity = patientIdentity(group.patient);
  return (
    <div className={`upload-group${current ? ' upload-group-current' : ''}`}>
      <h3 className="upload-group-patient">{current ? t.queue.currentPatient(identity) : identity}</h3>
      <ul className="upload-list" aria-label={t.queue.listFor(identity)}>
        {group.open.map((item) => (
          <UploadItem key={item.id} item={item} onReply={onReply} />
        ))}
        {group.filed.map((item) => (
          <UploadItem key={item.id} item={item} onReply={onReply} />
        ))}
      </ul>
    </div>
  );
}
