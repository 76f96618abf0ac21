import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../store/cipher.js';
import { SecretVault } from '../store/secret-vault.js';
import { ClientSecrets } from './client-secrets.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'client-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('ClientSecrets', () => {
  it('stores a secret encrypted under the profile and hands back only its ref', async () => {
    const secrets = new ClientSecrets(new SecretVault(dir, createAesGcmCipher(randomBytes(32))));
    const ref = await secrets.store('clinic-a', 'client-secret', 's3cr3t-value-for-test');
    expect(ref).toBe('client-secret');
    expect(await secrets.read('clinic-a', ref)).toBe('s3cr3t-value-for-test');
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toContain('s3cr3t-value-for-test');
  });

  it('finds nothing when another profile presents the same ref, or when there is no ref', async () => {
    const secrets = new ClientSecrets(new SecretVault(dir, null));
    await secrets.store('clinic-a', 'client-secret', 'a-secret');
    expect(await secrets.read('clinic-b', 'client-secret')).toBeUndefined();
    expect(await secrets.read('clinic-a', undefined)).toBeUndefined();
  });

  it('never reaches the session’s grant entry through a ref', async () => {
    const vault = new SecretVault(dir, null);
    await vault.set('profile:clinic-a:grant', 'grant-json');
    const secrets = new ClientSecrets(vault);
    expect(await secrets.read('clinic-a', 'grant')).toBeUndefined();
    await expect(secrets.read('clinic-a', '../grant')).rejects.toThrow();
  });

  it('forgets a secret', async () => {
    const secrets = new ClientSecrets(new SecretVault(dir, null));
    await secrets.store('clinic-a', 'subscription-key', 'key');
    await secrets.forget('clinic-a', 'subscription-key');
    expect(await secrets.read('clinic-a', 'subscription-key')).toBeUndefined();
  });
});
