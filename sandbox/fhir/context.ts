import type { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { BinaryStore } from './binary-store.js';

/** Everything a FHIR route needs; one per sandbox. */
export interface FhirContext {
  fhirBaseUrl: string;
  repo: MemoryRepository;
  router: FhirRouter;
  binaries: BinaryStore;
  maxUploadBytes: number;
}
