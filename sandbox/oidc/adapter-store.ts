import type { Adapter, AdapterPayload } from 'oidc-provider';

interface StoredEntry {
  model: string;
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * The provider's storage, one per sandbox. oidc-provider's own memory adapter is a shared
 * module-level LRU that cannot be listed; this one keeps each sandbox apart and lets
 * `revokeGrants` find an account's grants and sessions.
 */
export class AdapterStore {
  private readonly entries = new Map<string, StoredEntry>();

  /** A constructor oidc-provider can instantiate per model ("Grant", "RefreshToken", …). */
  adapterClass(): new (model: string) => Adapter {
    const store = this;
    return class implements Adapter {
      constructor(private readonly model: string) {}
      async upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined) {
        store.put(this.model, id, payload, expiresIn);
      }
      async find(id: string) {
        return store.get(this.model, id);
      }
      async findByUid(uid: string) {
        return store.findFirst(this.model, (payload) => payload.uid === uid);
      }
      async findByUserCode(userCode: string) {
        return store.findFirst(this.model, (payload) => payload.userCode === userCode);
      }
      async consume(id: string) {
        const payload = store.get(this.model, id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      }
      async destroy(id: string) {
        store.entries.delete(`${this.model}:${id}`);
      }
      async revokeByGrantId(grantId: string) {
        store.deleteWhere((entry) => entry.payload.grantId === grantId);
      }
    };
  }

  /** Forget everything an account was granted: grants, the tokens issued under them, its sessions. */
  revokeAccount(accountId: string | undefined): void {
    const grantIds = new Set<string>();
    for (const [key, entry] of this.entries) {
      if (entry.model === 'Grant' && (accountId === undefined || entry.payload.accountId === accountId)) {
        grantIds.add(key.slice('Grant:'.length));
      }
    }
    this.deleteWhere(
      (entry) =>
        (entry.model === 'Grant' && (accountId === undefined || entry.payload.accountId === accountId)) ||
        (entry.payload.grantId !== undefined && grantIds.has(entry.payload.grantId)) ||
        (entry.model === 'Session' && (accountId === undefined || entry.payload.accountId === accountId)),
    );
  }

  private put(model: string, id: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAt = expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000;
    this.entries.set(`${model}:${id}`, { model, payload, expiresAt });
  }

  private get(model: string, id: string): AdapterPayload | undefined {
    const key = `${model}:${id}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  private findFirst(model: string, predicate: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const entry of this.entries.values()) {
      if (entry.model === model && entry.expiresAt > Date.now() && predicate(entry.payload)) return entry.payload;
    }
    return undefined;
  }

  private deleteWhere(predicate: (entry: StoredEntry) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (predicate(entry)) this.entries.delete(key);
    }
  }
}
