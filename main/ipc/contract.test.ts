import { describe, expect, it } from 'vitest';
import { channels } from './contract.js';

const BAD_IDS: ReadonlyArray<[string, string]> = [
  ['empty', ''],
  ['a dot segment', '.'],
  ['a parent segment', '..'],
  ['a path', 'pt-0001/_history'],
  ['a traversal', '../Binary/1'],
  ['an operation', '_search'],
  ['a query', 'pt-0001?_format=xml'],
  ['1 MB', 'a'.repeat(1024 * 1024)],
  ['65 characters', 'a'.repeat(65)],
  ['a control character', 'pt-0001\u0000'],
  ['a newline', 'pt-0001\nX-Injected: 1'],
  ['a bidi override', 'pt-\u202e1000'],
  ['a space', 'pt 0001'],
  ['a non-ASCII letter', 'pté'],
];

const GOOD_IDS = ['pt-0001', '42', 'a1b2c3d4-e5f6-4789-abcd-0123456789ab', 'Tbt3KuCY0B5PSrJvCu2j-PlK.aiHsu2xUjUM8bWpetXoB', 'a'.repeat(64), 'a.b'];

describe('every id in the IPC contract', () => {
  const idInputs = {
    'patients:select': (id: string) => ({ patientId: id }),
    'documents:list': (id: string) => ({ patientId: id }),
    'outbox:retry': (id: string) => ({ id }),
    'outbox:cancel': (id: string) => ({ id }),
    'profiles:switch': (id: string) => ({ profileId: id }),
    'outbox:enqueue (patientId)': (id: string) => ({ patientId: id, documents: [{ fileId: 'f-1', title: 'Scan', date: '2026-01-02', targetId: 'http://loinc.org|34109-9' }] }),
    'outbox:enqueue (fileId)': (id: string) => ({ patientId: 'pt-0001', documents: [{ fileId: id, title: 'Scan', date: '2026-01-02', targetId: 'http://loinc.org|34109-9' }] }),
    'files:register (transfer id)': (id: string) => ({ name: 'scan.pdf', source: { kind: 'transfer', file: { $upload: id } } }),
  } as const;
  const schemaOf = (name: string) => channels[name.split(' ')[0] as keyof typeof channels].input;

  for (const [name, input] of Object.entries(idInputs)) {
    it.each(BAD_IDS)(`${name} refuses %s`, (_what, id) => {
      expect(schemaOf(name).safeParse(input(id)).success).toBe(false);
    });
    it.each(GOOD_IDS)(`${name} admits FHIR, OpenEMR, Accuro and our own ids: %s`, (id) => {
      expect(schemaOf(name).safeParse(input(id)).success).toBe(true);
    });
  }

  it('says why a long id was refused, in a bounded message', () => {
    const result = channels['patients:select'].input.safeParse({ patientId: 'a'.repeat(1024 * 1024) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('An id has at most 64 characters.');
  });
});

describe('document type ids', () => {
  const enqueue = (targetId: string) =>
    channels['outbox:enqueue'].input.safeParse({ patientId: 'pt-0001', documents: [{ fileId: 'f-1', title: 'Scan', date: '2026-01-02', targetId }] }).success;

  it('admit a FHIR system|code and a plain folder number', () => {
    expect(enqueue('http://loinc.org|34109-9')).toBe(true);
    expect(enqueue('urn:oid:2.16.840.1.113883.6.1|11502-2')).toBe(true);
    expect(enqueue('17')).toBe(true);
  });

  it('refuse empty, over-long, control, bidi and whitespace ids', () => {
    expect(enqueue('')).toBe(false);
    expect(enqueue(`http://loinc.org|${'9'.repeat(300)}`)).toBe(false);
    expect(enqueue('http://loinc.org|34109-9\u0000')).toBe(false);
    expect(enqueue('http://loinc.org|\u202e9-90143')).toBe(false);
    expect(enqueue('http://loinc.org| 34109-9')).toBe(false);
  });
});
