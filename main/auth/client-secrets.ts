import { z } from 'zod';
import type { SecretVault } from '../store/secret-vault.js';

/** A name for one of a profile's secrets in the vault (see `ClientSecrets`), never the secret. */
export const SecretRefSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

/**
 * A profile's client secrets and API keys (OpenEMR client secret, Accuro client secret and
 * subscription key) in the encrypted vault, never in the profile JSON (DESIGN.md "Secrets at
 * rest"). The profile keeps only a ref, a name inside its own namespace: a ref copied into another
 * profile finds nothing there, so two clinics never read each other's secrets.
 */
export class ClientSecrets {
  readonly #vault: SecretVault;

  constructor(vault: SecretVault) {
    this.#vault = vault;
  }

  /** Stores `value` and returns the ref to keep in the profile. */
  async store(profileId: string, ref: string, value: string): Promise<string> {
    await this.#vault.set(this.#key(profileId, ref), value);
    return ref;
  }

  async read(profileId: string, ref: string | undefined): Promise<string | undefined> {
    return ref === undefined ? undefined : this.#vault.get(this.#key(profileId, ref));
  }

  async forget(profileId: string, ref: string): Promise<void> {
    await this.#vault.delete(this.#key(profileId, ref));
  }

  #key(profileId: string, ref: string): string {
    // Its own `secret:` segment keeps refs apart from the session's `profile:{id}:grant` entry.
    return `profile:${profileId}:secret:${SecretRefSchema.parse(ref)}`;
  }
}
