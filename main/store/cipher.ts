import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The one door through which secrets reach the disk (DESIGN.md "Secrets at rest"). The Electron
 * shell implements it with `safeStorage`; tests use the AES-GCM cipher below with a test key.
 * Where no cipher is available the app is given `null` and persists nothing secret.
 */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  /** Throws when the data was not produced by this cipher (wrong key, corrupt file). */
  decrypt(data: Buffer): string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function createAesGcmCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
