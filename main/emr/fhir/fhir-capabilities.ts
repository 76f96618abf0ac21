import type { CapabilityStatement } from '@medplum/fhirtypes';
import { scopeAllows } from './smart-scopes.js';
import type { Capabilities, NoteRules } from '../model.js';

/** MIME types the generic SMART connector files as they are; servers with narrower lists get a profile setting later. */
const DEFAULT_ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'text/plain'];


export interface FhirServerFeatures {
  capabilities: Capabilities;
  /** Raw `POST Binary` is offered: large files need not be inlined as base64. */
  binaryCreate: boolean;
  /** `GET Binary/{id}` is offered and allowed: what an upload stored can be read back and compared. */
  binaryRead: boolean;
  /** `Encounter?patient=&date=` is offered: a note can be linked to the day's encounter. */
  encounterSearch: boolean;
}

/** Capability detection from `/metadata` and the granted scopes (shared/api/fhir.md §6). */
export function featuresFrom(statement: CapabilityStatement, grantedScope: string, limits: { maxUploadBytes: number; noteRules: NoteRules }): FhirServerFeatures {
  const { maxUploadBytes } = limits;
  const server = statement.rest?.find((r) => r.mode === 'server') ?? statement.rest?.[0];
  const resource = (type: string) => server?.resource?.find((r) => r.type === type);
  const can = (type: string, code: string) => resource(type)?.interaction?.some((i) => i.code === code) ?? false;
  const searchable = (type: string, param: string) => resource(type)?.searchParam?.some((p) => p.name === param) ?? false;

  const docs = resource('DocumentReference');
  const writeDocs = can('DocumentReference', 'create') && scopeAllows(grantedScope, 'DocumentReference', 'c');
  const idempotency = docs?.conditionalCreate ? 'conditional-create' : searchable('DocumentReference', 'identifier') ? 'lookup' : 'none';
  return {
    capabilities: {
      uploadDocument: writeDocs,
      createNote: writeDocs,
      appointments: can('Appointment', 'search-type') && scopeAllows(grantedScope, 'Appointment', 's'),
      patientSearch: {
        byName: searchable('Patient', 'name') || searchable('Patient', 'family'),
        byBirthDate: searchable('Patient', 'birthdate'),
        byIdentifier: searchable('Patient', 'identifier'),
      },
      idempotency,
      acceptedMimeTypes: DEFAULT_ACCEPTED,
      maxUploadBytes,
      notes: { shape: { kind: 'text' }, rules: limits.noteRules },
    },
    binaryCreate: can('Binary', 'create') && scopeAllows(grantedScope, 'Binary', 'c'),
    binaryRead: can('Binary', 'read') && scopeAllows(grantedScope, 'Binary', 'r'),
    encounterSearch: can('Encounter', 'search-type') && searchable('Encounter', 'date') && scopeAllows(grantedScope, 'Encounter', 's'),
  };
}
