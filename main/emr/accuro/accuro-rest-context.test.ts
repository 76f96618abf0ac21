import { describe, expect, it } from 'vitest';
import { SecretVault } from '../../store/secret-vault.js';
import { ClinicProfileSchema } from '../../profiles/clinic-profile.js';
import { accuroRestContext } from './accuro-rest-context.js';
import { ClientSecrets } from '../../auth/client-secrets.js';

function profile(subscriptionKeyRef?: string) {
  return ClinicProfileSchema.parse({
    id: 'lakeshore',
    name: 'Lakeshore',
    kind: 'accuro',
    baseUrl: 'https://accapi.example',
    clientId: '0oa-client',
    accuro: { tenant: 'LAKE', uuid: '2f7c1a9e-uuid', issuer: 'https://okta.example/oauth2/default', ...(subscriptionKeyRef ? { subscriptionKeyRef } : {}) },
  });
}

describe('accuroRestContext', () => {
  it('gives the subscription key header from the vault and the instance uuid and tenant as query parameters', async () => {
    const secrets = new ClientSecrets(new SecretVault('/nonexistent', null));
    const ref = await secrets.store('lakeshore', 'accuro-subscription-key', 'sub-key-123');
    expect(await accuroRestContext(profile(ref), secrets)).toEqual({
      headers: { 'X-QHR-Subscription-Key': 'sub-key-123' },
      searchParams: { uuid: '2f7c1a9e-uuid', tenant: 'LAKE' },
    });
  });

  it('asks for the subscription key when none is stored', async () => {
    const secrets = new ClientSecrets(new SecretVault('/nonexistent', null));
    await expect(accuroRestContext(profile('accuro-subscription-key'), secrets)).rejects.toMatchObject({ kind: 'validation', field: 'accuro.subscriptionKey' });
  });

  it('refuses a profile without its Accuro settings', async () => {
    const secrets = new ClientSecrets(new SecretVault('/nonexistent', null));
    const bare = ClinicProfileSchema.parse({ id: 'bare', name: 'Bare', kind: 'accuro', baseUrl: 'https://accapi.example', clientId: 'c' });
    await expect(accuroRestContext(bare, secrets)).rejects.toMatchObject({ kind: 'validation', field: 'accuro' });
  });
});
