import type { Bundle } from '@medplum/fhirtypes';

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 1000;

/** Reference search parameters that point at a Patient and may be sent as a bare id. */
const PATIENT_REFERENCE_PARAMS = new Set(['patient', 'subject']);

export interface PreparedSearch {
  params: URLSearchParams;
  count: number;
  offset: number;
}

function nonNegativeInteger(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return value !== null && Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

/**
 * Normalise a search before the repository sees it: a default page size (the repository has
 * none), and `patient=<id>` → `patient=Patient/<id>` because fhir-router 4.5.2 matches only the
 * latter (shared/api/fhir.md §5, §10).
 */
export function prepareSearch(query: URLSearchParams): PreparedSearch {
  const params = new URLSearchParams();
  for (const [name, value] of query) {
    const bareId = PATIENT_REFERENCE_PARAMS.has(name) && /^[A-Za-z0-9\-.]{1,64}$/.test(value);
    params.append(name, bareId ? `Patient/${value}` : value);
  }
  const count = Math.min(nonNegativeInteger(params.get('_count'), DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const offset = nonNegativeInteger(params.get('_offset'), 0);
  params.set('_count', String(count));
  params.set('_offset', String(offset));
  return { params, count, offset };
}

/** Absolute `self`/`next`/`previous` links a client can follow verbatim, and absolute `fullUrl`s. */
export function withPagingLinks(bundle: Bundle, fhirBaseUrl: string, resourceType: string, search: PreparedSearch): Bundle {
  const pageUrl = (offset: number): string => {
    const params = new URLSearchParams(search.params);
    params.set('_offset', String(offset));
    return `${fhirBaseUrl}/${resourceType}?${params.toString()}`;
  };
  const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: pageUrl(search.offset) }];
  const total = bundle.total ?? 0;
  if (search.count > 0 && search.offset + search.count < total) link.push({ relation: 'next', url: pageUrl(search.offset + search.count) });
  if (search.offset > 0) link.push({ relation: 'previous', url: pageUrl(Math.max(0, search.offset - search.count)) });
  const entry = bundle.entry?.map((item) => ({
    ...item,
    fullUrl: item.resource?.id ? `${fhirBaseUrl}/${item.resource.resourceType}/${item.resource.id}` : item.fullUrl,
    search: { mode: 'match' as const },
  }));
  return { ...bundle, link, ...(entry ? { entry } : {}) };
}
