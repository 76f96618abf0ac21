import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PatientSummary } from '../../main/emr/model.js';
import { ClientSecrets } from '../../main/auth/client-secrets.js';
import { createConnector, createOutbox, outboxFolder } from '../../main/core/clinic-factory.js';
import type { OutboxItemView } from '../../main/outbox/outbox-view.js';
import { EntryStore } from '../../main/outbox/entry-store.js';
import type { Outbox, OutboxOptions } from '../../main/outbox/outbox.js';
import { AuditLog } from '../../main/store/audit-log.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSandbox, type PatientFact, type Sandbox, type SandboxOptions } from '../../sandbox/index.js';
import { signInForTests } from '../../sandbox/sign-in-for-tests.js';
import { TestSession } from './outbox-session.js';

export type RigOutboxOptions = Partial<Pick<OutboxOptions, 'concurrency' | 'stallTimeoutMs' | 'keepSentCopiesDays' | 'retryBaseDelayMs' | 'random'>>;

export interface ProgressEvent {
  id: string;
  sentBytes: number;
  totalBytes: number;
}

/** The laboratory report type of the demo profile, the target every rig upload uses. */
export const LAB_REPORT = { id: 'http://loinc.org|11502-2', label: 'Laboratory report' };

/** Hands each test a chart of its own, so server-side counts are that test's alone. */
export function patientCursor(sandbox: () => Sandbox): () => PatientSummary {
  let index = 0;
  return () => {
    const fact = sandbox().fhir.seed.patients[index++];
    if (!fact) throw new Error('the sandbox seed ran out of patients');
    return patientSummary(fact);
  };
}

export function patientSummary(fact: PatientFact): PatientSummary {
  return {
    id: fact.id,
    displayName: `${fact.family}, ${fact.given}`,
    familyName: fact.family,
    givenNames: fact.given,
    birthDate: fact.birthDate,
    identifiers: [{ label: 'MRN', value: fact.mrn }],
  };
}

/**
 * The real outbox, FHIR connector and HTTP client, wired as `main/core.ts` wires them, against a
 * sandbox over HTTP, with a data folder of its own and every event recorded.
 */
export class OutboxRig {
  readonly outbox: Outbox;
  readonly store: EntryStore;
  readonly dataDir: string;
  readonly progress: ProgressEvent[];
  /** Every `outbox:changed` event, with when it arrived. */
  readonly changes: Array<{ at: number; item: OutboxItemView }>;
  readonly #dropsDir: string;

  private constructor(outbox: Outbox, store: EntryStore, dataDir: string, progress: ProgressEvent[], changes: Array<{ at: number; item: OutboxItemView }>) {
    this.outbox = outbox;
    this.progress = progress;
    this.changes = changes;
    this.store = store;
    this.dataDir = dataDir;
    this.#dropsDir = join(dataDir, 'drops');
  }

  static async start(sandbox: Sandbox, session: TestSession, options: RigOutboxOptions & { requestTimeoutMs?: number; startPaused?: boolean } = {}): Promise<OutboxRig> {
    const dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-outbox-it-'));
    const { requestTimeoutMs, startPaused, keepSentCopiesDays, ...tuning } = options;
    const demo = demoProfile(sandbox);
    const profile = keepSentCopiesDays === undefined ? demo : { ...demo, outbox: { ...demo.outbox, keepSentCopiesDays } };
    // Made as the app makes them (main/core/clinic-factory.ts), with the test's session and timings.
    const connector = await createConnector(
      profile,
      { tokens: session, grantedScope: () => session.grantedScope(), fhirUser: () => session.fhirUser() },
      new ClientSecrets(new SecretVault(dataDir, null)),
      requestTimeoutMs ? { requestTimeoutMs } : {},
    );
    const progress: ProgressEvent[] = [];
    const changes: Array<{ at: number; item: OutboxItemView }> = [];
    const outbox = createOutbox(profile, {
      dataDir,
      audit: new AuditLog(join(dataDir, 'audit.jsonl')),
      // Sealed with a real AES-GCM key, as the app seals entries wherever the OS offers encryption.
      cipher: createAesGcmCipher(randomBytes(32)),
      connector,
      isSignedIn: () => session.signedIn,
      listener: {
        changed: (item) => changes.push({ at: Date.now(), item }),
        progress: (event) => progress.push(event),
        paused: () => undefined,
      },
      tuning: { retryBaseDelayMs: 200, ...tuning },
    });
    // Only its paths: where the outbox keeps each entry, for tests that look at the disk.
    const store = new EntryStore(outboxFolder(dataDir, profile));
    const rig = new OutboxRig(outbox, store, dataDir, progress, changes);
    if (startPaused) outbox.setPaused(true);
    await outbox.start();
    await mkdir(rig.#dropsDir, { recursive: true });
    return rig;
  }

  /** Drops files for `patient` as the user would: each written to disk, then queued. */
  async drop(patient: PatientSummary, files: ReadonlyArray<{ name: string; bytes: Buffer; mime?: string }>): Promise<OutboxItemView[]> {
    const requests = [];
    for (const file of files) {
      const path = join(this.#dropsDir, file.name);
      await writeFile(path, file.bytes);
      requests.push({
        file: { path, name: file.name, size: file.bytes.length, mime: file.mime ?? 'application/pdf', transferred: false },
        title: file.name.replace(/\.\w+$/, ''),
        date: '2026-11-20',
        target: LAB_REPORT,
      });
    }
    return this.outbox.enqueueDocuments(patient, requests);
  }

  item(id: string): OutboxItemView | undefined {
    return this.outbox.summary().items.find((i) => i.id === id);
  }

  async until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
    const started = Date.now();
    while (!predicate()) {
      if (Date.now() - started > timeoutMs) throw new Error(`condition not reached in ${timeoutMs} ms: ${JSON.stringify(this.outbox.summary())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async untilState(id: string, state: OutboxItemView['state'], timeoutMs?: number): Promise<OutboxItemView> {
    await this.until(() => this.item(id)?.state === state, timeoutMs);
    const item = this.item(id);
    if (!item) throw new Error(`item ${id} vanished`);
    return item;
  }

  async dispose(): Promise<void> {
    await this.outbox.dispose();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * The hooks every outbox integration file shares: one sandbox (and, unless `signIn` is false, one
 * real sign-in) for the file, each test's rig disposed and the sandbox's faults and request log
 * cleared after it. `bind` hands the file its sandbox and session; `currentRig` names the rig to dispose.
 */
export function useOutboxSandbox(
  options: SandboxOptions & { signIn?: boolean },
  bind: (sandbox: Sandbox, session: TestSession | undefined) => void,
  currentRig: () => OutboxRig | undefined,
): void {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    const { signIn = true, ...sandboxOptions } = options;
    sandbox = await startSandbox(sandboxOptions);
    bind(sandbox, signIn ? new TestSession(await signInForTests(sandbox)) : undefined);
  });
  afterEach(async () => {
    await currentRig()?.dispose();
    sandbox?.faults.clear();
    sandbox?.requests.clear();
  });
  afterAll(() => sandbox?.close());
}
