import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { discoverSmartServer } from '../../main/emr/fhir/smart-auth-server.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 5 });
});
afterAll(() => sandbox?.close());

/** What the library would put on the wire: the authorize URL, and the token call's client authentication. */
function authorizeUrlOf(server: Awaited<ReturnType<typeof discoverSmartServer>>): URL {
  return oidc.buildAuthorizationUrl(server.config, { ...server.authorizationParams, redirect_uri: 'http://127.0.0.1/cb', scope: server.scope });
}

describe('SMART discovery against the sandbox', () => {
  it('names the FHIR base with aud and signs in as a public client by default', async () => {
    const server = await discoverSmartServer(sandbox.fhirBaseUrl, { clientId: sandbox.clientId });
    expect(authorizeUrlOf(server).searchParams.get('aud')).toBe(sandbox.fhirBaseUrl);
    expect(server.tokenParams).toBeUndefined();
    expect(server.config.clientMetadata().token_endpoint_auth_method).toBe('none');
    expect(server.scope).toContain('user/DocumentReference.crs');
  });

  it('speaks AuroraEHR’s dialect when the profile asks: audience on authorize and token, confidential client', async () => {
    const server = await discoverSmartServer(sandbox.fhirBaseUrl, { clientId: sandbox.clientId, clientSecret: 's3cret', audienceParameter: 'audience' });
    const url = authorizeUrlOf(server);
    expect(url.searchParams.get('audience')).toBe(sandbox.fhirBaseUrl);
    expect(url.searchParams.has('aud')).toBe(false);
    expect(server.tokenParams).toEqual({ audience: sandbox.fhirBaseUrl });
    expect(server.config.clientMetadata().token_endpoint_auth_method).toBe('client_secret_post');
  });
});
