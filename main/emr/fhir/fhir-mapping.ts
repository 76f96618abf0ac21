import type { Appointment, DocumentReference, HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import type { DocumentUpload, NoteUpload } from '../connector.js';
import type { FiledDocument, PatientSummary } from '../model.js';

function officialName(patient: Patient): HumanName | undefined {
  const names = patient.name ?? [];
  return names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old') ?? names[0];
}

function identifierLabel(identifier: Identifier): string {
  const code = identifier.type?.coding?.[0]?.code;
  if (code === 'MR') return 'MRN';
  if (code === 'JHN' || code === 'HC') return 'PHN';
  return identifier.type?.text ?? code ?? 'ID';
}

export function patientSummary(patient: Patient): PatientSummary {
  const name = officialName(patient);
  const familyName = name?.family ?? '';
  const givenNames = (name?.given ?? []).join(' ');
  const displayName = [familyName, givenNames].filter(Boolean).join(', ') || name?.text || 'Unnamed patient';
  // The chart number goes first: the banner shows identifiers[0].
  const identifiers = (patient.identifier ?? [])
    .filter((i): i is Identifier & { value: string } => typeof i.value === 'string' && i.value.length > 0)
    .map((i) => ({ label: identifierLabel(i), value: i.value }))
    .sort((a, b) => Number(b.label === 'MRN') - Number(a.label === 'MRN'));
  return {
    id: patient.id ?? '',
    displayName,
    familyName,
    givenNames,
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...(patient.gender ? { gender: patient.gender } : {}),
    identifiers,
  };
}

export function filedDocument(doc: DocumentReference): FiledDocument {
  const attachment = doc.content?.[0]?.attachment;
  const title = attachment?.title ?? doc.description ?? doc.type?.text ?? doc.type?.coding?.[0]?.display ?? 'Document';
  // The document's own date (when it was written or scanned), not when it was filed.
  const documentDate = attachment?.creation ?? doc.context?.period?.start ?? doc.date;
  return {
    id: doc.id ?? '',
    title,
    ...(documentDate ? { date: documentDate.slice(0, 10) } : {}),
    ...(doc.type?.coding?.[0]?.display ?? doc.type?.text ? { typeLabel: doc.type?.coding?.[0]?.display ?? doc.type?.text } : {}),
    ...(attachment?.contentType ? { contentType: attachment.contentType } : {}),
    ...(attachment?.size !== undefined ? { size: attachment.size } : {}),
  };
}

export function appointmentPatientId(appointment: Appointment): string | undefined {
  const ref = appointment.participant?.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference;
  return ref?.slice('Patient/'.length);
}

interface ReferenceCommon {
  type: { system: string; code: string; display: string };
  identifierSystem: string;
  author?: string;
  now: Date;
}

export interface DocumentReferenceInput extends ReferenceCommon {
  upload: DocumentUpload;
  /** `Binary/{id}` when the bytes were posted separately. */
  binaryUrl?: string;
}

export interface NoteReferenceInput extends ReferenceCommon {
  note: NoteUpload;
  /** The text to file: the FHIR connector takes notes as one text (its note shape). */
  text: string;
  /** The patient's encounter on the note's day, where the server has one. */
  encounterId?: string;
}

const CLINICAL_NOTE_CATEGORY = {
  coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note', display: 'Clinical Note' }],
};

/**
 * What every DocumentReference ChartDrop writes shares: US Core 3.1.1 must-supports, an
 * identifier that makes a replay idempotent, and `date` as an instant (seconds and zone required).
 */
function referenceFor(input: ReferenceCommon, write: { idempotencyKey: string; patient: { id: string }; title: string }): Omit<DocumentReference, 'content'> {
  return {
    resourceType: 'DocumentReference',
    identifier: [{ system: input.identifierSystem, value: write.idempotencyKey }],
    status: 'current',
    docStatus: 'final',
    type: { coding: [{ ...input.type }], text: input.type.display },
    category: [CLINICAL_NOTE_CATEGORY],
    subject: { reference: `Patient/${write.patient.id}` },
    date: input.now.toISOString(),
    ...(input.author ? { author: [{ reference: input.author }] } : {}),
    description: write.title,
  };
}

/** A filed document (shared/api/fhir.md §3.4); its own date goes in `attachment.creation` and `context.period`. */
export function documentReferenceFor(input: DocumentReferenceInput): DocumentReference {
  const { upload } = input;
  return {
    ...referenceFor(input, upload),
    content: [
      {
        attachment: {
          contentType: upload.file.mime,
          title: upload.title,
          size: upload.file.size,
          hash: Buffer.from(upload.file.sha1, 'hex').toString('base64'),
          creation: upload.date,
          ...(input.binaryUrl ? { url: input.binaryUrl } : {}),
        },
      },
    ],
    context: { period: { start: upload.date, end: upload.date } },
  };
}

/** A quick note: plain UTF-8 text inline, signed (`docStatus: final`), as shared/api/fhir.md §3.6 describes. */
export function noteReferenceFor(input: NoteReferenceInput): DocumentReference {
  const { note } = input;
  return {
    ...referenceFor(input, note),
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', title: note.title, data: Buffer.from(input.text, 'utf8').toString('base64') } }],
    context: {
      ...(input.encounterId ? { encounter: [{ reference: `Encounter/${input.encounterId}` }] } : {}),
      // Cerner wants the period's end (shared/api/fhir.md §3.6): the note is about its day.
      period: { start: note.date, end: note.date },
    },
  };
}

/**
 * SMART `fhirUser` may be absolute (`{base}/Practitioner/7`) or relative; references we write are
 * relative (shared/api/fhir.md §5). Only a Practitioner on this server can be an author.
 */
export function practitionerReference(fhirUser: string | undefined, baseUrl: string): string | undefined {
  if (!fhirUser) return undefined;
  const base = baseUrl.replace(/\/+$/, '');
  const relative = fhirUser.startsWith(`${base}/`) ? fhirUser.slice(base.length + 1) : fhirUser;
  return /^Practitioner\/[A-Za-z0-9\-.]{1,64}$/.test(relative) ? relative : undefined;
}
