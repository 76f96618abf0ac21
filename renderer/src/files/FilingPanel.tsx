import { useEffect, useState, type RefObject } from 'react';
import { registerFiles, request } from '../api/client';
import type { DroppedFile, ErrorView, OutboxItemView, PatientSummary } from '../api/types';
import { ErrorMessage } from '../ErrorMessage';
import { patientIdentity } from '../patients/patientIdentity';
import { t } from '../strings';
import { DropZone } from './DropZone';
import { HeldFiles } from './HeldFiles';
import { byPatient, invalidFields, toReadyFile, type ReadyFile, type ReadyFileChanges, type ReadyFileField } from './readyFile';
import { ReadyFileList } from './ReadyFileList';
import { readyFieldId } from './ReadyFileRow';
import { RefusedFiles } from './RefusedFiles';
import { useDocumentTargets } from './useDocumentTargets';

interface FilingPanelProps {
  profileId: string;
  /** The patient in the banner; new files are bound to them. Null disables dropping. */
  patient: PatientSummary | null;
  onEnqueued: (items: OutboxItemView[]) => void;
  chooseButtonRef: RefObject<HTMLButtonElement | null>;
  /** Whose files wait to be filed, so the workspace can bring a held-files prompt into view. */
  onReadyPatientsChange?: (patientIds: readonly string[]) => void;
}

/**
 * Drop → check by main → details per file → file them in the chart of the patient they were
 * dropped for. Files dropped for someone other than the patient now in the banner are held, with
 * a prompt, until the user says what to do with them: nothing follows a change of patient.
 */
export function FilingPanel({ profileId, patient, onEnqueued, chooseButtonRef, onReadyPatientsChange }: FilingPanelProps) {
  const { targets, error: targetsError, defaultTargetId } = useDocumentTargets(profileId);
  const [ready, setReady] = useState<ReadyFile[]>([]);
  const [refused, setRefused] = useState<DroppedFile[]>([]);
  const [registering, setRegistering] = useState(false);
  const [submitting, setSubmitting] = useState<string | null>(null);
  const [showInvalid, setShowInvalid] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ErrorView | null>(null);

  async function checkEarlierFilings(patientId: string, fileIds: string[]) {
    if (fileIds.length === 0) return;
    const outcome = await request('files:earlierFilings', { patientId, fileIds });
    // Without an answer there is nothing to warn about; the file is not held back for it.
    const found = new Map(outcome.ok ? outcome.value.map((r) => [r.fileId, r.filings]) : []);
    setReady((current) =>
      current.map((item) => (fileIds.includes(item.dropped.fileId) ? { ...item, earlier: found.get(item.dropped.fileId) ?? [] } : item)),
    );
  }

  async function addFiles(files: File[], forPatient: PatientSummary) {
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
      // main bound the file to the banner's patient when it arrived; trust that, not our own state.
      else if (dropped.forPatientId === forPatient.id) accepted.push(toReadyFile(dropped, file, forPatient, defaultTargetId, today));
      else problems.push({ ...dropped, problem: { kind: 'validation', message: t.held.changedDuringDrop } });
    });
    setReady((current) => [...current, ...accepted]);
    setRefused((current) => [...current, ...problems]);
    await checkEarlierFilings(forPatient.id, accepted.map((item) => item.dropped.fileId));
  }

  function update(fileId: string, changes: ReadyFileChanges) {
    const { targetId } = changes;
    setReady((current) => {
      const changed = current.find((item) => item.dropped.fileId === fileId);
      return current.map((item) => {
        if (item.dropped.fileId === fileId) return { ...item, ...changes };
        // A batch for one patient usually shares one type: fill the files still waiting for one, never overwrite a choice.
        if (targetId && item.targetId === '' && item.forPatient.id === changed?.forPatient.id) return { ...item, targetId };
        return item;
      });
    });
  }

  function remove(fileIds: readonly string[]) {
    setReady((current) => current.filter((item) => !fileIds.includes(item.dropped.fileId)));
    void request('files:discard', { fileIds: [...fileIds] });
    // The rows and their buttons disappear; keep focus somewhere useful rather than on the page.
    chooseButtonRef.current?.focus();
  }

  async function fileTo(to: PatientSummary) {
    const files = ready.filter((item) => item.forPatient.id === to.id);
    const firstInvalid = files.flatMap((item) => invalidFields(item).map((field) => readyFieldId(item.dropped.fileId, field)))[0];
    if (firstInvalid) {
      setShowInvalid((current) => new Set([...current, to.id]));
      document.getElementById(firstInvalid)?.focus();
      return;
    }
    setSubmitting(to.id);
    setError(null);
    const outcome = await request('outbox:enqueue', {
      patientId: to.id,
      documents: files.map((item) => ({
        fileId: item.dropped.fileId,
        title: item.title.trim(),
        date: item.date,
        targetId: item.targetId,
      })),
    });
    setSubmitting(null);
    if (!outcome.ok) return setError(outcome.error);
    onEnqueued(outcome.value);
    const filed = new Set(files.map((item) => item.dropped.fileId));
    setReady((current) => current.filter((item) => !filed.has(item.dropped.fileId)));
    setShowInvalid((current) => new Set([...current].filter((id) => id !== to.id)));
    chooseButtonRef.current?.focus();
  }

  /** The explicit act of filing held files to the patient now in the banner; they are checked again for duplicates there. */
  async function moveTo(to: PatientSummary, from: PatientSummary) {
    const fileIds = ready.filter((item) => item.forPatient.id === from.id).map((item) => item.dropped.fileId);
    setError(null);
    const outcome = await request('files:moveToPatient', { patientId: to.id, fileIds });
    if (!outcome.ok) return setError(outcome.error);
    const moved = new Set(outcome.value.map((m) => m.fileId));
    setReady((current) =>
      current.map((item) => (moved.has(item.dropped.fileId) ? { ...item, forPatient: to, earlier: undefined, fileAgain: false } : item)),
    );
    await checkEarlierFilings(to.id, [...moved]);
  }

  const groups = byPatient(ready);
  const readyPatientIds = groups.map((group) => group.patient.id).join('\u0000');
  useEffect(() => {
    onReadyPatientsChange?.(readyPatientIds === '' ? [] : readyPatientIds.split('\u0000'));
  }, [readyPatientIds, onReadyPatientsChange]);
  const current = patient ? groups.find((group) => group.patient.id === patient.id) : undefined;
  const held = groups.filter((group) => group.patient.id !== patient?.id);
  const invalidFor = (item: ReadyFile): ReadyFileField[] => (showInvalid.has(item.forPatient.id) ? invalidFields(item) : []);
  const listProps = { targets, invalidFor, onChange: update, onRemove: (fileId: string) => remove([fileId]) };

  return (
    <div className="filing">
      {held.map((group) => (
        <HeldFiles
          key={group.patient.id}
          droppedFor={group.patient}
          current={patient}
          busy={submitting === group.patient.id}
          onFileToDroppedFor={() => void fileTo(group.patient)}
          onMoveToCurrent={patient ? () => void moveTo(patient, group.patient) : undefined}
          onDiscard={() => remove(group.files.map((item) => item.dropped.fileId))}
        >
          <ReadyFileList files={group.files} label={t.held.listLabel(patientIdentity(group.patient))} {...listProps} />
          <FormProblems files={group.files} shown={showInvalid.has(group.patient.id)} />
        </HeldFiles>
      ))}
      <DropZone
        disabled={patient === null}
        busy={registering}
        onFiles={(files) => {
          if (patient) void addFiles(files, patient);
        }}
        chooseButtonRef={chooseButtonRef}
      />
      {error && <ErrorMessage error={error} />}
      <RefusedFiles files={refused} onDismiss={(fileId) => setRefused((list) => list.filter((file) => file.fileId !== fileId))} onDismissAll={() => setRefused([])} />
      {patient && current && (
        <section className="ready" aria-labelledby="ready-heading">
          <h2 id="ready-heading">{t.ready.heading}</h2>
          <p className="ready-for">{t.ready.forPatient(patientIdentity(patient))}</p>
          {targetsError && <ErrorMessage error={targetsError} context={t.ready.targetsFailed} announce={false} />}
          <ReadyFileList files={current.files} label={t.ready.listLabel} {...listProps} />
          <FormProblems files={current.files} shown={showInvalid.has(patient.id)} />
          <button type="button" className="button-primary file-button" disabled={submitting !== null} onClick={() => void fileTo(patient)}>
            {submitting === patient.id ? t.ready.sending : t.ready.fileTo(current.files.length, patientIdentity(patient))}
          </button>
        </section>
      )}
    </div>
  );
}

function FormProblems({ files, shown }: { files: readonly ReadyFile[]; shown: boolean }) {
  if (!shown) return null;
  const problems = new Set(files.flatMap(invalidFields));
  if (problems.size === 0) return null;
  return (
    <ul className="form-problems" role="alert">
      {problems.has('title') && <li>{t.ready.missingTitle}</li>}
      {problems.has('date') && <li>{t.ready.missingDate}</li>}
      {problems.has('targetId') && <li>{t.ready.missingType}</li>}
      {problems.has('fileAgain') && <li>{t.duplicate.confirmFirst}</li>}
    </ul>
  );
}
