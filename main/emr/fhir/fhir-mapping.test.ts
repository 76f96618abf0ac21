import { describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { documentReferenceFor, filedDocument, patientSummary, practitionerReference } from './fhir-mapping.js';

describe('FHIR mapping', () => {
  it('puts the MRN first so the banner shows the chart number', () => {
    const patient: Patient = {
      resourceType: 'Patient',
      id: '42',
      name: [{ use: 'old', family: 'Old' }, { use: 'official', family: "O'Brien", given: ['Zoë', 'Anne'] }],
      birthDate: '1980-02-29',
      gender: 'female',
      identifier: [
        { system: 'urn:other', value: 'X-1' },
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, value: 'MRN-000042' },
      ],
    };
    expect(patientSummary(patient)).toEqual({
      id: '42',
      displayName: "O'Brien, Zoë Anne",
      familyName: "O'Brien",
      givenNames: 'Zoë Anne',
      birthDate: '1980-02-29',
      gender: 'female',
      identifiers: [
        { label: 'MRN', value: 'MRN-000042' },
        { label: 'ID', value: 'X-1' },
      ],
    });
  });

  it('builds a US Core DocumentReference with an instant date, the idempotency identifier and a base64 SHA-1', () => {
    const doc = documentReferenceFor({
      upload: {
        patient: { id: '42' },
        targetId: 'http://loinc.org|11502-2',
        title: 'Blood work',
        date: '2026-11-20',
        file: { path: '/x', name: 'a.pdf', size: 10, sha256: 'ab', sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d', mime: 'application/pdf' },
        idempotencyKey: 'key-1',
      },
      type: { system: 'http://loinc.org', code: '11502-2', display: 'Laboratory report' },
      identifierSystem: 'urn:chartdrop:document',
      author: 'Practitioner/7',
      binaryUrl: 'Binary/b1',
      now: new Date('2026-11-25T15:04:05.000Z'),
    });
    expect(doc.subject).toEqual({ reference: 'Patient/42' });
    expect(doc.date).toBe('2026-11-25T15:04:05.000Z');
    expect(doc.identifier).toEqual([{ system: 'urn:chartdrop:document', value: 'key-1' }]);
    expect(doc.content?.[0]?.attachment).toMatchObject({ url: 'Binary/b1', contentType: 'application/pdf', hash: 'qZk+NkcGgWq6PiVxeFDCbJzQ2J0=', creation: '2026-11-20' });
    expect(doc.author).toEqual([{ reference: 'Practitioner/7' }]);
    expect(filedDocument({ ...doc, id: 'd1' })).toMatchObject({ id: 'd1', title: 'Blood work', typeLabel: 'Laboratory report' });
  });

  it('turns an absolute or relative fhirUser into a relative Practitioner reference, and nothing else', () => {
    expect(practitionerReference('http://127.0.0.1:9/fhir/R4/Practitioner/7', 'http://127.0.0.1:9/fhir/R4/')).toBe('Practitioner/7');
    expect(practitionerReference('Practitioner/7', 'http://x/fhir')).toBe('Practitioner/7');
    expect(practitionerReference('http://elsewhere/fhir/Practitioner/7', 'http://x/fhir')).toBeUndefined();
    expect(practitionerReference('Patient/1', 'http://x/fhir')).toBeUndefined();
  });
});
