import type { Resource } from '@medplum/fhirtypes';

/** `Location` (with `_history`), `ETag` and `Last-Modified` for a created or read resource (FHIR RESTful API). */
export function versionHeaders(fhirBaseUrl: string, resource: Resource, options: { location: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  const versionId = resource.meta?.versionId;
  if (versionId) headers.etag = `W/"${versionId}"`;
  if (resource.meta?.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  if (options.location && resource.id && versionId) {
    headers.location = `${fhirBaseUrl}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
  }
  return headers;
}

/** `Prefer: return=minimal` asks for an empty body (RFC 7240, FHIR RESTful API). */
export function wantsMinimal(prefer: string | string[] | undefined): boolean {
  return /\breturn=minimal\b/.test([prefer ?? ''].flat().join(','));
}
