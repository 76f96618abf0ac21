import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import type { SecretCipher } from './cipher.js';

/**
 * Refresh tokens and client secrets, keyed per profile. Values are encrypted with the injected
 * cipher before they touch the disk; with no cipher (no safeStorage, or Linux `basic_text`) they
 * live in memory only and the session ends when the app quits (DESIGN.md "Secrets at rest").
 */
export class SecretVault {
  readonly #file: string;
  readonly #cipher: SecretCipher | null;
  readonly #memory = new Map<string, string>();
  #loading: Promise<void> | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(dataDir: string, cipher: SecretCipher | null) {
    this.#file = join(dataDir, 'secrets.json');
    this.#cipher = cipher;
  }

  get persists(): boolean {
    return this.#cipher !== null;
  }

  async get(key: string): Promise<string | undefined> {
    await this.#load();
    return this.#memory.get(key);
  }

  /** Resolves once the value is durably on disk (when persisting), so callers may rely on it after a crash. */
  async set(key: string, value: string): Promise<void> {
    await this.#load();
    this.#memory.set(key, value);
    await this.#flush();
  }

  async delete(key: string): Promise<void> {
    await this.#load();
    if (this.#memory.delete(key)) await this.#flush();
  }

  /** Once, and shared: a caller arriving mid-load must not see (and then flush) an empty vault. */
  #load(): Promise<void> {
    this.#loading ??= this.#readFile();
    return this.#loading;
  }

  async #readFile(): Promise<void> {
    if (!this.#cipher) return;
    let stored: Record<string, string>;
    try {
      stored = JSON.parse(await readFile(this.#file, 'utf8')) as Record<string, string>;
    } catch {
      return;
    }
    let dropped = false;
    for (const [key, sealed] of Object.entries(stored)) {
      try {
        this.#memory.set(key, this.#cipher.decrypt(Buffer.from(sealed, 'base64')));
      } catch {
        // A secret that cannot be decrypted (new OS keyring, copied profile) is deleted; the
        // user simply signs in again.
        dropped = true;
      }
    }
    if (dropped) await this.#flush();
  }

  #flush(): Promise<void> {
    const cipher = this.#cipher;
    if (!cipher) return Promise.resolve();
    const sealed = Object.fromEntries([...this.#memory].map(([key, value]) => [key, cipher.encrypt(value).toString('base64')]));
    // Writes are serialised so a slower earlier write can never land after a newer one.
    const write = this.#writes
      .catch(() => undefined)
      .then(async () => {
        await mkdir(join(this.#file, '..'), { recursive: true });
        await writeFileAtomic(this.#file, JSON.stringify(sealed));
      });
    this.#writes = write;
    return write;
  }
}
