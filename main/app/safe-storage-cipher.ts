import { safeStorage } from 'electron';
import type { SecretCipher } from '../store/cipher.js';

/**
 * The OS keychain-backed cipher, or null when secrets cannot be protected (DESIGN.md "Secrets at
 * rest"). On Linux without a keyring Electron falls back to `basic_text`, a hard-coded key: that
 * is obfuscation, not encryption, so nothing secret is persisted and the session ends at quit.
 */
export function createSafeStorageCipher(): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}
