import type { DocumentReference } from '@medplum/fhirtypes';
import type { SeededRandom } from '../random.js';
import { localInstant } from './local-time.js';

export interface DocumentFact {
  patientId: string;
  documentReferenceIds: string[];
}

const NOTE_TYPES = [
  { code: '11506-3', display: 'Progress note' },
  { code: '11488-4', display: 'Consult note' },
  { code: '34117-2', display: 'History and physical note' },
] as const;

export const SEED_DOCUMENT_IDENTIFIER_SYSTEM = 'urn:chartdrop:sandbox:seed-document';

/** A few earlier notes for some patients, so a chart is not empty when a test lists it. */
export function buildExistingDocuments(
  patientIds: ReadonlyArray<string>,
  practitionerId: string,
  random: SeededRandom,
): { resources: DocumentReference[]; facts: DocumentFact[] } {
  const resources: DocumentReference[] = [];
  const facts: DocumentFact[] = [];
  // Every 20th patient has between one and three notes from past months.
  patientIds.forEach((patientId, patientIndex) => {
    if (patientIndex % 20 !== 3) return;
    const ids: string[] = [];
    const count = random.integer(1, 3);
    for (let n = 0; n < count; n += 1) {
      const id = `doc-${patientId}-${n + 1}`;
      const type = random.pick(NOTE_TYPES);
      const written = new Date(Date.now() - random.integer(7, 400) * 86_400_000);
      const text = `${type.display} (synthetic). Patient seen for follow-up; no acute concerns.\n`;
      resources.push({
        resourceType: 'DocumentReference',
        id,
        identifier: [{ system: SEED_DOCUMENT_IDENTIFIER_SYSTEM, value: id }],
        status: 'current',
        docStatus: 'final',
        type: { coding: [{ system: 'http://loinc.org', ...type }] },
        category: [
          {
            coding: [
              {
                system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
                code: 'clinical-note',
                display: 'Clinical Note',
              },
            ],
          },
        ],
        subject: { reference: `Patient/${patientId}` },
        date: localInstant(written),
        author: [{ reference: `Practitioner/${practitionerId}` }],
        content: [
          {
            attachment: {
              contentType: 'text/plain; charset=utf-8',
              data: Buffer.from(text, 'utf8').toString('base64'),
              title: `${type.display}.txt`,
            },
          },
        ],
      });
      ids.push(id);
    }
    facts.push({ patientId, documentReferenceIds: ids });
  });
  return { resources, facts };
}
