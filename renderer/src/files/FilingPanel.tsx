import { useState, type RefObject } from 'react';
import { registerFiles, request } from '../api/client';
import type { DroppedFile, ErrorView, OutboxItemView, PatientSummary } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { t } from '../strings';
import { DropZone } from './DropZone';
import { invalidFields, toReadyFile, type ReadyFile } from './readyFile';
import { readyFieldId, ReadyFileRow } from './ReadyFileRow';
import { RefusedFiles } from './RefusedFiles';
import { useDocumentTargets } from './useDocumentTargets';

interface FilingPanelProps {
  profileId: string;
  /** The patient in the banner; every file goes to them. Null disables dropping. */
  patient: PatientSummary | null;
  onEnqueued: (items: OutboxItemView[]) => void;
  chooseButtonRef: RefObject<HTMLButtonElement | null>;
}

/** Drop → check by main → details per file → one button that files them all in the banner's chart. */
export function FilingPanel({ profileId, patient, onEnqueued, chooseButtonRef }: FilingPanelProps) {
  const { targets, error: targetsError, defaultTargetId, remember } = useDocumentTargets(profileId);
  const [ready, setReady] = useState<ReadyFile[]>([]);
  const [refused, setRefused] = useState<DroppedFile[]>([]);
  const [registering, setRegistering] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [showInvalid, setShowInvalid] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);

  async function addFiles(files: File[]) {
    setRegistering(true);
    setError(null);
    const outcome = await registerFiles(files);
    setRegistering(false);
    if (!outcome.ok) return setError(outcome.error);
    const today = new Date();
    const accepted: ReadyFile[] = [];
    const problems: DroppedFile[] = [];
    // main answers in the order the files were handed over.
    outcome.value.forEach((dropped, index) => {
      const file = files[index];
      if (dropped.problem || !file) problems.push(dropped);
      else accepted.push(toReadyFile(dropped, file, defaultTargetId, today));
    });
    setReady((current) => [...current, ...accepted]);
    setRefused((current) => [...current, ...problems]);
  }

  function update(fileId: string, changes: Partial<Pick<ReadyFile, 'title' | 'date' | 'targetId'>>) {
    const { targetId } = changes;
    if (targetId) remember(targetId);
    setReady((current) =>
      current.map((item) => {
        if (item.dropped.fileId === fileId) return { ...item, ...changes };
        // A batch usually shares one type: fill the files still waiting for one, never overwrite a choice.
        if (targetId && item.targetId === '') return { ...item, targetId };
        return item;
      }),
    );
  }

  async function fileAll(to: PatientSummary) {
    const firstInvalid = ready.flatMap((item) => invalidFields(item).map((field) => readyFieldId(item.dropped.fileId, field)))[0];
    if (firstInvalid) {
      setShowInvalid(true);
      document.getElementById(firstInvalid)?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    const outcome = await request('outbox:enqueue', {
      patientId: to.id,
      documents: ready.map((item) => ({
        fileId: item.dropped.fileId,
        title: item.title.trim(),
        date: item.date,
        targetId: item.targetId,
      })),
    });
    setSubmitting(false);
    if (!outcome.ok) return setError(outcome.error);
    onEnqueued(outcome.value);
    setReady([]);
    setShowInvalid(false);
    chooseButtonRef.current?.focus();
  }

  const problems = showInvalid ? new Set(ready.flatMap(invalidFields)) : new Set<string>();

  return (
    <div className="filing">
      <DropZone disabled={patient === null} busy={registering} onFiles={(files) => void addFiles(files)} chooseButtonRef={chooseButtonRef} />
      {error && <ErrorMessage error={error} />}
      <RefusedFiles files={refused} onDismiss={(fileId) => setRefused((current) => current.filter((file) => file.fileId !== fileId))} />
      {ready.length > 0 && (
        <section className="ready" aria-labelledby="ready-heading">
          <h2 id="ready-heading">{t.ready.heading}</h2>
          {targetsError && <ErrorMessage error={targetsError} context={t.ready.targetsFailed} announce={false} />}
          <ul className="ready-list" aria-label={t.ready.listLabel}>
            {ready.map((item) => (
              <ReadyFileRow
                key={item.dropped.fileId}
                ready={item}
                targets={targets}
                invalid={showInvalid ? invalidFields(item) : []}
                onChange={(changes) => update(item.dropped.fileId, changes)}
                onRemove={() => {
                  setReady((current) => current.filter((other) => other.dropped.fileId !== item.dropped.fileId));
                  // The row and its button disappear; keep focus somewhere useful rather than on the page.
                  chooseButtonRef.current?.focus();
                }}
              />
            ))}
          </ul>
          {problems.size > 0 && (
            <ul className="form-problems" role="alert">
              {problems.has('title') && <li>{t.ready.missingTitle}</li>}
              {problems.has('date') && <li>{t.ready.missingDate}</li>}
              {problems.has('targetId') && <li>{t.ready.missingType}</li>}
            </ul>
          )}
          {patient && (
            <button type="button" className="button-primary file-button" disabled={submitting} onClick={() => void fileAll(patient)}>
              {submitting ? t.ready.sending : t.ready.fileTo(ready.length, patient.displayName)}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
