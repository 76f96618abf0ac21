import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from './cipher.js';
import { SecretVault } from './secret-vault.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vault-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SecretVault', () => {
  it('writes only ciphertext and reads it back in a new process', async () => {
    const key = randomBytes(32);
    await new SecretVault(dir, createAesGcmCipher(key)).set('profile:a:grant', 'refresh-token-value');
    const onDisk = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain('refresh-token-value');
    expect(await new SecretVault(dir, createAesGcmCipher(key)).get('profile:a:grant')).toBe('refresh-token-value');
  });

  it('deletes a secret that no longer decrypts (new keyring) instead of failing', async () => {
    await new SecretVault(dir, createAesGcmCipher(randomBytes(32))).set('k', 'v');
    const other = new SecretVault(dir, createAesGcmCipher(randomBytes(32)));
    expect(await other.get('k')).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toEqual({});
  });

  it('keeps secrets in memory only when there is no cipher', async () => {
    const vault = new SecretVault(dir, null);
    await vault.set('k', 'v');
    expect(vault.persists).toBe(false);
    expect(await vault.get('k')).toBe('v');
    await expect(readFile(join(dir, 'secrets.json'))).rejects.toThrow();
  });

  it('ignores a corrupt file', async () => {
    await writeFile(join(dir, 'secrets.json'), '{not json');
    expect(await new SecretVault(dir, createAesGcmCipher(randomBytes(32))).get('k')).toBeUndefined();
  });
});
