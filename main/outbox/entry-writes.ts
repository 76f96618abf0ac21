import type { DocumentUpload, EmrConnector, NoteUpload, WriteResult } from '../emr/connector.js';
import type { PatientSummary } from '../emr/model.js';
import type { AuditRecord } from '../store/audit-log.js';
import type { OutboxEntry } from './outbox-entry.js';
import type { OutboxProgress } from './outbox-view.js';
import { withUploadWatch } from './upload-watch.js';

/**
 * What each kind of entry asks of the connector and leaves in the audit log. The outbox's state
 * machine (retries, backoff, the ambiguity check, pausing when signed out) is the same for every
 * kind and knows only these two moves.
 */
export interface WriteAttempt {
  /** Whether an earlier attempt landed: `null` provably not, `'unknown'` the server cannot tell. */
  find(): Promise<WriteResult | null | 'unknown'>;
  send(): Promise<WriteResult>;
}

export interface UploadWatching {
  stallTimeoutMs: number;
  progressIntervalMs: number;
  report(progress: OutboxProgress): void;
}

export function writeAttempt(entry: OutboxEntry, connector: EmrConnector, abort: AbortController, watching: UploadWatching): WriteAttempt {
  const patient = { id: entry.patient.id, ...(entry.patient.ids ? { ids: entry.patient.ids } : {}) };
  if (entry.kind === 'note') {
    const note: NoteUpload = { patient, typeId: entry.noteType.id, title: entry.title, content: entry.content, date: entry.date, idempotencyKey: entry.idempotencyKey, signal: abort.signal };
    // One JSON request under the HTTP layer's own timeout: no bytes to watch for a stall.
    return { find: () => connector.findFiledNote(note), send: () => connector.createNote(note) };
  }
  const upload: DocumentUpload = { patient, targetId: entry.target.id, title: entry.title, date: entry.date, file: entry.file, idempotencyKey: entry.idempotencyKey, signal: abort.signal };
  const watch = {
    abort,
    stallTimeoutMs: watching.stallTimeoutMs,
    totalBytes: entry.file.size,
    progressIntervalMs: watching.progressIntervalMs,
    report: (sentBytes: number) => watching.report({ id: entry.id, sentBytes, totalBytes: entry.file.size }),
  };
  return {
    find: () => connector.findFiledDocument(upload),
    send: () => withUploadWatch(watch, (onProgress) => connector.uploadDocument({ ...upload, onProgress })),
  };
}

/** Ids and hashes only: never a note's words, a title, or the patient's name. */
export function auditRecord(entry: OutboxEntry, result: WriteResult): AuditRecord {
  const ids = { entryId: entry.id, profileId: entry.profileId, patientId: entry.patient.id, emrId: result.emrId, ...(entry.droppedBy ? { user: entry.droppedBy } : {}) };
  if (entry.kind === 'note') return { action: result.alreadyFiled ? 'note-already-filed' : 'note-filed', ...ids };
  return { action: result.alreadyFiled ? 'document-already-filed' : 'document-filed', ...ids, size: entry.file.size, sha256: entry.file.sha256 };
}

/** The patient as an entry keeps them: every id the server needs, and what every confirmation names. */
export function storedPatient(patient: PatientSummary): OutboxEntry['patient'] {
  return {
    id: patient.id,
    ...(patient.ids ? { ids: patient.ids } : {}),
    displayName: patient.displayName,
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    identifiers: patient.identifiers,
  };
}
