import { parseSearchRequest } from '@medplum/core';
import type { DocumentReference } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFhirDefinitions } from './definitions.js';
import { IndexedRepository } from './indexed-repository.js';

beforeAll(() => loadFhirDefinitions());

function doc(system: string, value: string): DocumentReference {
  return { resourceType: 'DocumentReference', status: 'current', identifier: [{ system, value }], content: [{ attachment: { contentType: 'text/plain' } }] };
}

const byIdentifier = (repo: IndexedRepository, token: string) =>
  repo.searchResources(parseSearchRequest<DocumentReference>('DocumentReference', { identifier: token })).then((found) => found.map((d) => d.id).sort());

describe('IndexedRepository', () => {
  it('answers identifier searches like the scanning repository, through creates, updates and deletes', async () => {
    const repo = new IndexedRepository();
    const a = await repo.createResource(doc('urn:x', 'k1'));
    const b = await repo.createResource(doc('urn:x', 'k1'));
    await repo.createResource(doc('urn:y', 'k1'));
    expect(await byIdentifier(repo, 'urn:x|k1')).toEqual([a.id, b.id].sort());

    await repo.updateResource({ ...b, identifier: [{ system: 'urn:x', value: 'k2' }] });
    expect(await byIdentifier(repo, 'urn:x|k1')).toEqual([a.id]);
    expect(await byIdentifier(repo, 'urn:x|k2')).toEqual([b.id]);

    await repo.deleteResource('DocumentReference', a.id);
    expect(await byIdentifier(repo, 'urn:x|k1')).toEqual([]);
    // Searches the index does not answer (no system) still go to Medplum's own search.
    expect((await byIdentifier(repo, 'k1')).length).toBe(1);
  });

  it('makes a conditional create find the existing record', async () => {
    const repo = new IndexedRepository();
    const first = await repo.conditionalCreate(doc('urn:x', 'k9'), parseSearchRequest<DocumentReference>('DocumentReference', { identifier: 'urn:x|k9' }));
    const again = await repo.conditionalCreate(doc('urn:x', 'k9'), parseSearchRequest<DocumentReference>('DocumentReference', { identifier: 'urn:x|k9' }));
    expect(again.resource.id).toBe(first.resource.id);
  });
});
