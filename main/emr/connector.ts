import type {
  AppointmentSummary,
  Capabilities,
  DocumentTargetTree,
  EmrKind,
  FiledDocument,
  NoteContent,
  NoteType,
  PatientQuery,
  PatientRef,
  PatientSummary,
} from './model.js';

/** A file already copied into the outbox: streamed from `path`, never read whole. */
export interface StoredFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
  /** Hex; FHIR's `Attachment.hash` is SHA-1. */
  sha1: string;
  mime: string;
}

export interface DocumentUpload {
  patient: PatientRef;
  targetId: string;
  title: string;
  /** The document's own date, `YYYY-MM-DD`. */
  date: string;
  file: StoredFile;
  /**
   * Stable for one outbox entry across every retry and restart; connectors that can use it
   * (FHIR conditional create) make a replay file nothing new.
   */
  idempotencyKey: string;
  signal?: AbortSignal;
  onProgress?: (sentBytes: number) => void;
}

export interface NoteUpload {
  patient: PatientRef;
  typeId: string;
  title: string;
  /** In the shape `capabilities().notes.shape` asked for, already checked against its rules. */
  content: NoteContent;
  /** The day the note is about, `YYYY-MM-DD`: the connector links it to that day's encounter where one exists. */
  date: string;
  /** Created once per note, never from its words: writing the same text twice on purpose is two notes. */
  idempotencyKey: string;
  signal?: AbortSignal;
}

export interface WriteResult {
  emrId: string;
  /** A link the user can open in the EMR, when the server gives one. */
  url?: string;
  /** True when the server answered with a record that already existed (an idempotent replay). */
  alreadyFiled: boolean;
}

/**
 * The one connector interface (DESIGN.md "Contracts"). Every failure is thrown as an `EmrError`
 * from `./errors.js`; nothing EMR-specific leaks past this boundary.
 */
export interface EmrConnector {
  readonly kind: EmrKind;
  capabilities(): Promise<Capabilities>;
  searchPatients(query: PatientQuery, signal?: AbortSignal): Promise<PatientSummary[]>;
  getPatient(id: string): Promise<PatientSummary>;
  todaysAppointments(): Promise<AppointmentSummary[]>;
  documentTargets(): Promise<DocumentTargetTree>;
  listDocuments(patientId: string): Promise<FiledDocument[]>;
  /**
   * Documents already in the patient's chart holding exactly these bytes, where the server keeps
   * an attachment hash (FHIR `Attachment.hash`, SHA-1): the duplicate warning's server half.
   * `[]` where the server cannot tell.
   */
  documentsWithContent(patientId: string, file: Pick<StoredFile, 'sha1' | 'sha256' | 'size'>): Promise<FiledDocument[]>;
  uploadDocument(upload: DocumentUpload): Promise<WriteResult>;
  /**
   * After an ambiguous failure (no answer, crash mid-send), find out whether the write landed.
   * `null` means it provably did not; `'unknown'` means the server cannot tell, and the outbox
   * marks the entry for review instead of guessing.
   */
  findFiledDocument(upload: DocumentUpload): Promise<WriteResult | null | 'unknown'>;
  noteTypes(): Promise<NoteType[]>;
  createNote(note: NoteUpload): Promise<WriteResult>;
  /** Like `findFiledDocument`, for a note whose send may have reached the server. */
  findFiledNote(note: NoteUpload): Promise<WriteResult | null | 'unknown'>;
}
