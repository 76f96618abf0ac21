import type { Appointment, DocumentReference, Encounter, Patient } from '@medplum/fhirtypes';
import type { DocumentUpload, EmrConnector, NoteUpload, WriteResult } from '../connector.js';
import { EmrError } from '../../shared/errors.js';
import type { EmrHttp } from '../http.js';
import { isRecordId, type AppointmentSummary, type DocumentTargetTree, type FiledDocument, type NoteType, type PatientQuery, type PatientSummary } from '../model.js';
import type { FhirProfile } from './fhir-settings.js';
import { FhirClient } from './fhir-client.js';
import { featuresFrom, type FhirServerFeatures } from './fhir-capabilities.js';
import { appointmentPatientId, documentReferenceFor, filedDocument, noteReferenceFor, patientSummary, practitionerReference } from './fhir-mapping.js';
import { fhirCall } from './fhir-errors.js';
import { assertSameBytes, checkDocumentReference, checkNoteReference, measureBinaryAnswer } from './fhir-verify.js';
import { localDate } from '../../shared/dates.js';

export interface FhirConnectorOptions {
  profile: FhirProfile;
  http: EmrHttp;
  /** The signed-in user's scopes and SMART `fhirUser`, read at call time (they change on sign-in). */
  grantedScope(): string;
  fhirUser(): string | undefined;
  now?: () => Date;
}

const PAGE = '20';

/**
 * The SMART-on-FHIR R4 connector (shared/api/fhir.md). Documents go up as a raw Binary streamed
 * from disk, then a DocumentReference created conditionally on the outbox entry's idempotency key,
 * so a replay after a lost answer files nothing new. A document counts as filed only once what the
 * server holds has been read back and matches what was sent (see `fhir-verify.ts`).
 */
export class FhirConnector implements EmrConnector {
  readonly kind = 'fhir' as const;
  readonly #client: FhirClient;
  readonly #options: FhirConnectorOptions;
  readonly #now: () => Date;
  #features: { scope: string; value: Promise<FhirServerFeatures> } | undefined;

  constructor(options: FhirConnectorOptions) {
    this.#options = options;
    this.#client = new FhirClient(options.http, options.profile.baseUrl);
    this.#now = options.now ?? (() => new Date());
  }

  async capabilities() {
    return (await this.#serverFeatures()).capabilities;
  }

  async searchPatients(query: PatientQuery, signal?: AbortSignal): Promise<PatientSummary[]> {
    const params = new URLSearchParams({ _count: PAGE });
    if (query.name) {
      const [family, given] = query.name.split(',').map((part) => part.trim());
      if (given && family) {
        params.append('family', family);
        params.append('given', given);
      } else {
        // Each word must match the start of some name part (repeated parameters are ANDed).
        for (const word of query.name.split(/\s+/).filter(Boolean)) params.append('name', word);
      }
    }
    if (query.birthDate) params.append('birthdate', query.birthDate);
    if (query.identifier) params.append('identifier', query.identifier);
    const patients = await this.#client.search<Patient>('Patient', params, 50, signal);
    // A record without a usable id cannot be opened or filed into (choosing it would be refused):
    // leave it out rather than fail the search or offer a dead row.
    return patients.filter((p) => isRecordId(p.id)).map(patientSummary);
  }

  async getPatient(id: string): Promise<PatientSummary> {
    return patientSummary(await this.#client.read<Patient>('Patient', id));
  }

  async todaysAppointments(): Promise<AppointmentSummary[]> {
    if (!(await this.capabilities()).appointments) throw new EmrError('unsupported', 'This EMR does not share appointments with ChartDrop.');
    const appointments = await this.#client.search<Appointment>('Appointment', new URLSearchParams({ date: localDate(this.#now()), _count: '100' }), 100);
    const ids = [...new Set(appointments.map(appointmentPatientId).filter((id): id is string => id !== undefined))];
    if (ids.length === 0) return [];
    const patients = await this.#client.search<Patient>('Patient', new URLSearchParams({ _id: ids.join(','), _count: '100' }), 100);
    const byId = new Map(patients.map((p) => [p.id, patientSummary(p)]));
    return appointments
      .flatMap((appointment) => {
        const patient = byId.get(appointmentPatientId(appointment));
        if (!patient || !appointment.id || !appointment.start) return [];
        return [{ id: appointment.id, start: appointment.start, ...(appointment.description ? { description: appointment.description } : {}), patient }];
      })
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  async documentTargets(): Promise<DocumentTargetTree> {
    const { documents, fhir } = this.#options.profile;
    return {
      targets: fhir.documentTypes.map((t) => ({ id: `${t.system}|${t.code}`, label: t.display })),
      ...(documents.defaultTargetId ? { defaultTargetId: documents.defaultTargetId } : {}),
    };
  }

  async listDocuments(patientId: string): Promise<FiledDocument[]> {
    const params = new URLSearchParams({ patient: `Patient/${patientId}`, _sort: '-date', _count: PAGE });
    const docs = await this.#client.search<DocumentReference>('DocumentReference', params, 50);
    return docs.map(filedDocument);
  }

  async documentsWithContent(patientId: string, file: { sha1: string }): Promise<FiledDocument[]> {
    const hash = Buffer.from(file.sha1, 'hex').toString('base64');
    const params = new URLSearchParams({ patient: `Patient/${patientId}`, _sort: '-date', _count: '100' });
    // Few servers can search by attachment hash, so the patient's recent documents are compared here.
    const docs = await this.#client.search<DocumentReference>('DocumentReference', params, 200);
    return docs.filter((doc) => doc.content?.some((c) => c.attachment?.hash === hash)).map(filedDocument);
  }

  async uploadDocument(upload: DocumentUpload): Promise<WriteResult> {
    const features = await this.#serverFeatures();
    if (!features.capabilities.uploadDocument) {
      throw new EmrError('unsupported', 'This EMR does not accept documents from ChartDrop (read-only server or missing permission).');
    }
    if (!features.binaryCreate) {
      throw new EmrError('unsupported', 'This EMR only accepts documents inline, which ChartDrop does not send yet for this server.');
    }
    const binaryId = await this.#client.createBinary(upload.file.path, upload.file.mime, upload.file.size, {
      ...(upload.signal ? { signal: upload.signal } : {}),
      ...(upload.onProgress ? { onProgress: upload.onProgress } : {}),
    });
    // Checked before the DocumentReference exists, so damaged bytes never reach the chart: what is
    // left is an unreferenced Binary, which no one sees.
    await this.#verifyBinary(binaryId, upload, features).catch((error: unknown) => {
      if (error instanceof EmrError && error.kind === 'mismatch') throw new EmrError('mismatch', `${error.message} Nothing was added to the chart.`, { cause: error });
      throw error;
    });
    const author = this.#author();
    const reference = documentReferenceFor({
      upload,
      type: this.#documentType(upload.targetId),
      identifierSystem: this.#options.profile.fhir.identifierSystem,
      ...(author ? { author } : {}),
      binaryUrl: `Binary/${binaryId}`,
      now: this.#now(),
    });
    const conditional = features.capabilities.idempotency === 'conditional-create' ? this.#identifierQuery(upload.idempotencyKey) : undefined;
    const { resource, created, returned } = await this.#client.create(reference, conditional, upload.signal);
    if (!resource.id) throw new EmrError('transient', 'The EMR stored the document but did not say where.');
    // Without an answer body there is only what was sent: read what the server made of it.
    const stored = returned ? resource : await this.#client.read<DocumentReference>('DocumentReference', resource.id);
    const pointsAt = checkDocumentReference(stored, this.#expectation(upload));
    if (created && pointsAt !== binaryId) throw new EmrError('mismatch', 'The EMR filed the document with a file other than the one just uploaded.');
    // A replay matched an earlier attempt's record, which points at that attempt's Binary.
    if (pointsAt !== binaryId) await this.#verifyBinary(pointsAt, upload, features);
    return { emrId: resource.id, alreadyFiled: !created };
  }

  /** A document found here counts as filed only after the same checks as a fresh upload. */
  async findFiledDocument(upload: DocumentUpload): Promise<WriteResult | null | 'unknown'> {
    const features = await this.#serverFeatures();
    if (features.capabilities.idempotency === 'none') return 'unknown';
    const found = await this.#client.search<DocumentReference>('DocumentReference', new URLSearchParams({ identifier: this.#identifierToken(upload.idempotencyKey) }), 2, upload.signal);
    if (found.length > 1) throw new EmrError('conflict', 'The EMR holds this document more than once. Check the chart.');
    const [doc] = found;
    if (!doc?.id) return null;
    await this.#verifyBinary(checkDocumentReference(doc, this.#expectation(upload)), upload, features);
    return { emrId: doc.id, alreadyFiled: true };
  }

  async noteTypes(): Promise<NoteType[]> {
    return [
      { id: 'http://loinc.org|11506-3', label: 'Progress note' },
      { id: 'http://loinc.org|11488-4', label: 'Consult note' },
      { id: 'http://loinc.org|34109-9', label: 'Note' },
    ];
  }

  async createNote(note: NoteUpload): Promise<WriteResult> {
    const features = await this.#serverFeatures();
    if (!features.capabilities.createNote) throw new EmrError('unsupported', 'This EMR does not accept notes from ChartDrop.');
    if (note.content.kind !== 'text') throw new EmrError('validation', 'This EMR takes a note as one text, not in sections.', { field: 'content' });
    const type = (await this.noteTypes()).find((t) => t.id === note.typeId);
    if (!type) throw new EmrError('validation', 'Choose a note type from the list.', { field: 'typeId' });
    const [system = '', code = ''] = type.id.split('|');
    const author = this.#author();
    const encounterId = features.encounterSearch ? await this.#encounterOn(note) : undefined;
    const reference = noteReferenceFor({
      note,
      text: note.content.text,
      ...(encounterId ? { encounterId } : {}),
      type: { system, code, display: type.label },
      identifierSystem: this.#options.profile.fhir.identifierSystem,
      ...(author ? { author } : {}),
      now: this.#now(),
    });
    const conditional = features.capabilities.idempotency === 'conditional-create' ? this.#identifierQuery(note.idempotencyKey) : undefined;
    const { resource, created, returned } = await this.#client.create(reference, conditional, note.signal);
    if (!resource.id) throw new EmrError('transient', 'The EMR stored the note but did not say where.');
    const stored = returned ? resource : await this.#client.read<DocumentReference>('DocumentReference', resource.id);
    checkNoteReference(stored, this.#noteExpectation(note, note.content.text));
    return { emrId: resource.id, alreadyFiled: !created };
  }

  async findFiledNote(note: NoteUpload): Promise<WriteResult | null | 'unknown'> {
    const features = await this.#serverFeatures();
    if (features.capabilities.idempotency === 'none') return 'unknown';
    const found = await this.#client.search<DocumentReference>('DocumentReference', new URLSearchParams({ identifier: this.#identifierToken(note.idempotencyKey) }), 2, note.signal);
    if (found.length > 1) throw new EmrError('conflict', 'The EMR holds this note more than once. Check the chart.');
    const [doc] = found;
    if (!doc?.id) return null;
    if (note.content.kind === 'text') checkNoteReference(doc, this.#noteExpectation(note, note.content.text));
    return { emrId: doc.id, alreadyFiled: true };
  }

  /** The patient's encounter on the note's day, if exactly one: with two, guessing could file it under the wrong visit. */
  async #encounterOn(note: NoteUpload): Promise<string | undefined> {
    const params = new URLSearchParams({ patient: `Patient/${note.patient.id}`, date: note.date, _count: '5' });
    const encounters = await this.#client.search<Encounter>('Encounter', params, 5, note.signal).catch(() => []);
    const usable = encounters.filter((e) => isRecordId(e.id) && e.status !== 'cancelled' && e.status !== 'entered-in-error');
    return usable.length === 1 ? usable[0]?.id : undefined;
  }

  /** Reads the Binary back and compares it with the sent file; a server that cannot be read from is taken at its word. */
  async #verifyBinary(binaryId: string, upload: DocumentUpload, features: FhirServerFeatures): Promise<void> {
    if (!features.binaryRead) return;
    const response = await this.#client.readBinary(binaryId, upload.file.mime || 'application/octet-stream', upload.signal).catch((error: unknown) => {
      // Said to be stored, or pointed at by the record, yet not there: that is not "filed" either.
      if (error instanceof EmrError && error.kind === 'not-found') throw new EmrError('mismatch', 'The EMR holds no file under the id it gave for this document.', { cause: error });
      throw error;
    });
    const stored = await fhirCall(() =>
      measureBinaryAnswer(response, {
        file: upload.file,
        hashUpToBytes: this.#options.profile.fhir.verifyHashUpToBytes,
        // The read-back is part of the upload: the outbox's stall watchdog must see it moving.
        ...(upload.onProgress ? { onActivity: () => upload.onProgress?.(upload.file.size) } : {}),
      }),
    );
    assertSameBytes(upload.file, stored);
  }

  #expectation(upload: DocumentUpload) {
    return {
      patientId: upload.patient.id,
      identifier: { system: this.#options.profile.fhir.identifierSystem, value: upload.idempotencyKey },
      file: upload.file,
      baseUrl: this.#options.profile.baseUrl,
    };
  }

  #noteExpectation(note: NoteUpload, text: string) {
    return { patientId: note.patient.id, identifier: { system: this.#options.profile.fhir.identifierSystem, value: note.idempotencyKey }, text, baseUrl: this.#options.profile.baseUrl };
  }

  #author(): string | undefined {
    return practitionerReference(this.#options.fhirUser(), this.#options.profile.baseUrl);
  }

  #documentType(targetId: string) {
    const type = this.#options.profile.fhir.documentTypes.find((t) => `${t.system}|${t.code}` === targetId);
    if (!type) throw new EmrError('validation', 'Choose a document type from the list.', { field: 'targetId' });
    return type;
  }

  #identifierToken(key: string): string {
    return `${this.#options.profile.fhir.identifierSystem}|${key}`;
  }

  #identifierQuery(key: string): string {
    return `identifier=${encodeURIComponent(this.#identifierToken(key))}`;
  }

  /** Cached per granted scope: a new sign-in with other scopes re-derives what the UI may offer. */
  #serverFeatures(): Promise<FhirServerFeatures> {
    const scope = this.#options.grantedScope();
    if (this.#features?.scope !== scope) {
      const value = this.#client.metadata().then((statement) => featuresFrom(statement, scope, { maxUploadBytes: this.#options.profile.maxUploadBytes, noteRules: { minLength: 1, ...this.#options.profile.fhir.notes } }));
      value.catch(() => {
        if (this.#features?.value === value) this.#features = undefined;
      });
      this.#features = { scope, value };
    }
    return this.#features.value;
  }
}
