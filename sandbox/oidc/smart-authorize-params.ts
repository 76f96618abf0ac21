/**
 * Make a SMART authorize request look like what oidc-provider understands
 * (shared/api/fhir.md §10):
 * - SMART's `aud` (the FHIR base) becomes an RFC 8707 `resource`, so the access token is a JWT
 *   for the FHIR server and a wrong `aud` is refused with `invalid_target`;
 * - `offline_access` is only honoured by oidc-provider with `prompt=consent` (an OpenID rule
 *   SMART does not have), so that prompt is added when offline access is asked for.
 * Takes and returns a path + query relative to the provider's mount.
 */
export function smartAuthorizeRequest(method: string, relativeUrl: string, authorizationPath: string): string {
  const url = new URL(relativeUrl, 'http://provider.invalid');
  if (method !== 'GET' || url.pathname !== authorizationPath) return relativeUrl;
  const params = url.searchParams;
  const aud = params.get('aud');
  if (aud !== null && !params.has('resource')) params.set('resource', aud);
  params.delete('aud');
  if ((params.get('scope') ?? '').split(' ').includes('offline_access')) {
    const prompts = new Set((params.get('prompt') ?? '').split(' ').filter(Boolean));
    prompts.add('consent');
    params.set('prompt', [...prompts].join(' '));
  }
  return `${url.pathname}?${params.toString()}`;
}
