import type { Readable } from 'node:stream';
import { parseSearchRequest, type WithId } from '@medplum/core';
import type { MemoryRepository } from '@medplum/fhir-router';
import type { ExtractResource, Resource, ResourceType } from '@medplum/fhirtypes';
import type { SeedFacts } from '../seed/index.js';
import type { BinaryStore } from './binary-store.js';
import { prepareSearch } from './search-paging.js';

export interface StoredBinaryInfo {
  contentType: string;
  size: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
}

/**
 * Unauthenticated access to the sandbox's data for test assertions; nothing here goes over
 * HTTP, so it cannot be faulted and leaves no request-log entries.
 */
export interface SandboxFhir {
  /** What the seed created: fixtures for names, same-DOB pairs, today's schedule, … */
  readonly seed: SeedFacts;
  /** All matches (no paging); `patient=<id>` is accepted like the HTTP API accepts it. */
  search<K extends ResourceType>(resourceType: K, query?: Record<string, string> | string): Promise<WithId<ExtractResource<K>>[]>;
  read<K extends ResourceType>(resourceType: K, id: string): Promise<WithId<ExtractResource<K>> | undefined>;
  /** Store a resource as-is (e.g. to set up a duplicate identifier for a 412 test). */
  create<T extends Resource>(resource: T): Promise<WithId<T>>;
  binaryInfo(id: string): Promise<StoredBinaryInfo | undefined>;
  readBinary(id: string): Promise<Buffer>;
  openBinary(id: string): Readable;
}

export function createDirectAccess(repo: MemoryRepository, binaries: BinaryStore, seed: SeedFacts): SandboxFhir {
  const read = async <K extends ResourceType>(resourceType: K, id: string) =>
    repo.readResource<WithId<ExtractResource<K>>>(resourceType, id).catch(() => undefined);
  return {
    seed,
    async search<K extends ResourceType>(resourceType: K, query: Record<string, string> | string = {}) {
      const params = prepareSearch(new URLSearchParams(query)).params;
      params.delete('_count');
      params.delete('_offset');
      const grouped: Record<string, string[]> = {};
      for (const [name, value] of params) (grouped[name] ??= []).push(value);
      const request = parseSearchRequest<ExtractResource<K>>(resourceType, grouped);
      return repo.searchResources<ExtractResource<K>>({ ...request, count: Number.MAX_SAFE_INTEGER });
    },
    read,
    create: (resource) => repo.createResource(resource),
    async binaryInfo(id) {
      const binary = await read('Binary', id);
      const stored = binaries.info(id);
      return binary && stored ? { contentType: binary.contentType, ...stored } : undefined;
    },
    readBinary: (id) => binaries.readAll(id),
    openBinary: (id) => binaries.open(id),
  };
}
