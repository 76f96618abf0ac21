import { parseSearchRequest } from '@medplum/core';
import type { Patient } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from './definitions.js';
import { IndexedRepository } from './indexed-repository.js';
import { foldForSearch } from './string-search.js';

beforeAll(() => loadFhirDefinitions());

const patient = (family: string, given: string[]): Patient => ({ resourceType: 'Patient', name: [{ use: 'official', family, given }] });

async function seeded() {
  const repo = new IndexedRepository();
  const ids: Record<string, string> = {};
  for (const [key, p] of Object.entries({
    obrien: patient("O'Brien", ['Siobhán']),
    muller: patient('Müller', ['Zoë']),
    nguyen: patient('Nguyễn', ['Văn', 'Minh']),
    vanderberg: patient('van der Berg', ['Anna']),
    smithjones: patient('Smith-Jones', ['Olivia']),
    joanne: patient('Roy', ['Joanne']),
  })) {
    ids[key] = (await repo.createResource(p)).id;
  }
  const find = async (query: Record<string, string>) =>
    (await repo.searchResources(parseSearchRequest<Patient>('Patient', query))).map((p) => Object.entries(ids).find(([, id]) => id === p.id)?.[0]).sort();
  return { repo, ids, find };
}

describe('sandbox string search, as real FHIR servers match strings', () => {
  it('folds case and accents on both sides', async () => {
    const { find } = await seeded();
    expect(await find({ name: 'siobhan' })).toEqual(['obrien']);
    expect(await find({ name: 'SIOBHÁN' })).toEqual(['obrien']);
    expect(await find({ name: 'muller' })).toEqual(['muller']);
    expect(await find({ family: 'MÜLLER' })).toEqual(['muller']);
    expect(await find({ name: 'nguyen' })).toEqual(['nguyen']);
    expect(await find({ given: 'zoe' })).toEqual(['muller']);
    expect(await find({ name: "o'brien" })).toEqual(['obrien']);
  });

  it('matches the start of a name part or of a word in it, not the middle of a word', async () => {
    const { find } = await seeded();
    expect(await find({ name: 'mul' })).toEqual(['muller']);
    expect(await find({ family: 'berg' })).toEqual(['vanderberg']);
    expect(await find({ family: 'jones' })).toEqual(['smithjones']);
    expect(await find({ name: 'anne' })).toEqual([]);
    expect(await find({ 'name:contains': 'anne' })).toEqual(['joanne']);
  });

  it('keeps :exact exact, accents and case included', async () => {
    const { find } = await seeded();
    expect(await find({ 'family:exact': 'Müller' })).toEqual(['muller']);
    expect(await find({ 'family:exact': 'Muller' })).toEqual([]);
    expect(await find({ 'family:exact': 'müller' })).toEqual([]);
  });

  it('ANDs repeated parameters, ORs comma-separated values, and combines with other filters', async () => {
    const { find, ids } = await seeded();
    expect(await find({ name: 'van', given: 'minh' })).toEqual(['nguyen']);
    expect(await find({ family: 'muller,roy' })).toEqual(['joanne', 'muller']);
    expect(await find({ name: 'zoe', _id: ids['obrien']! })).toEqual([]);
  });

  it('follows updates and deletes', async () => {
    const { repo, ids, find } = await seeded();
    const stored = await repo.readResource<Patient>('Patient', ids['muller']!);
    await repo.updateResource({ ...stored, name: [{ family: 'Lefèvre', given: ['Hélène'] }] });
    expect(await find({ name: 'muller' })).toEqual([]);
    expect(await find({ name: 'lefevre' })).toEqual(['muller']);
    await repo.deleteResource('Patient', ids['muller']!);
    expect(await find({ name: 'lefevre' })).toEqual([]);
  });

  it('keeps paging and totals for string searches', async () => {
    const { repo } = await seeded();
    const page = await repo.search(parseSearchRequest<Patient>('Patient', { name: 'siobhan,zoe,anna', _count: '1', _offset: '1', _total: 'accurate' }));
    expect(page.entry).toHaveLength(1);
    expect(page.total).toBe(3);
  });

  it('folds what NFC and NFD spell differently to the same text', () => {
    expect(foldForSearch('Siobha\u0301n')).toBe(foldForSearch('Siobh\u00e1n'));
    expect(foldForSearch('Nguyễn')).toBe('nguyen');
  });
});
