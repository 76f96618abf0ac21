import { join } from 'node:path';
import { z } from 'zod';
import { EmrError } from '../../main/shared/errors.js';
import { hashFile } from '../../main/outbox/hashing-copy.js';
import { ClientSecrets } from '../../main/auth/client-secrets.js';
import { createConnector, createOutbox } from '../../main/core/clinic-factory.js';
import { AuditLog } from '../../main/store/audit-log.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';

/**
 * One life of the app for `outbox-crash.test.ts`: resumes the outbox in `dataDir`, queues the
 * files it is given (printing `ACK <name>` once each is durably queued), and sends until every
 * entry is sent (`ALLSENT`) or one is stuck (`STUCK <states>`). The parent kills it with SIGKILL
 * whenever it likes; nothing here tries to finish cleanly before that.
 */

const PlanSchema = z.object({
  fhirBaseUrl: z.string(),
  clientId: z.string(),
  accessToken: z.string(),
  grantedScope: z.string(),
  fhirUser: z.string().optional(),
  dataDir: z.string(),
  /** The same key every life, as the OS keychain gives: each life unseals what the killed one sealed. */
  dataKeyHex: z.string().regex(/^[0-9a-f]{64}$/),
  files: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      size: z.number(),
      patient: z.object({ id: z.string(), displayName: z.string(), familyName: z.string(), givenNames: z.string(), identifiers: z.array(z.object({ label: z.string(), value: z.string() })) }),
    }),
  ),
});
/** What the parent passes as the one argument, JSON-encoded. */
export type CrashWorkerPlan = z.infer<typeof PlanSchema>;

const plan = PlanSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const profile = demoProfile({ fhirBaseUrl: plan.fhirBaseUrl, clientId: plan.clientId });
// The parent's token outlives the test; a 401 would mean the test is broken, not the outbox.
const tokens = {
  accessToken: async () => plan.accessToken,
  afterUnauthorized: async (): Promise<string> => {
    throw new EmrError('auth', 'The crash test token was refused.');
  },
};
// Made as the app makes them (main/core/clinic-factory.ts); only the timings are a test's.
const connector = await createConnector(
  profile,
  { tokens, grantedScope: () => plan.grantedScope, fhirUser: () => plan.fhirUser },
  new ClientSecrets(new SecretVault(plan.dataDir, null)),
  { requestTimeoutMs: 1_500 },
);
const outbox = createOutbox(profile, {
  dataDir: plan.dataDir,
  audit: new AuditLog(join(plan.dataDir, 'audit.jsonl')),
  cipher: createAesGcmCipher(Buffer.from(plan.dataKeyHex, 'hex')),
  connector,
  isSignedIn: () => true,
  tuning: { concurrency: 2, stallTimeoutMs: 800, retryBaseDelayMs: 100 },
});

await outbox.start();
process.stdout.write('READY\n');
for (const file of plan.files) {
  // A life killed between saving an entry and saying ACK leaves that file queued. Each entry now
  // has its own key, so queueing it again would file it twice; the app stops that at drop time
  // with the duplicate warning ("waiting in uploads"), which is what this check stands for.
  const { sha256 } = await hashFile(file.path);
  if (outbox.entriesWithContent(file.patient.id, sha256).some((entry) => entry.state !== 'cancelled')) {
    process.stdout.write(`ACK ${file.name}\n`);
    continue;
  }
  await outbox.enqueueDocuments(file.patient, [
    {
      file: { path: file.path, name: file.name, size: file.size, mime: 'application/pdf', transferred: false },
      title: file.name,
      date: '2026-11-20',
      target: { id: 'http://loinc.org|11502-2', label: 'Laboratory report' },
    },
  ]);
  process.stdout.write(`ACK ${file.name}\n`);
}

for (;;) {
  const items = outbox.summary().items;
  if (items.every((i) => i.state === 'sent')) {
    process.stdout.write('ALLSENT\n');
    break;
  }
  const stuck = items.filter((i) => i.state === 'failed' || i.state === 'needs-review' || i.state === 'cancelled');
  if (stuck.length > 0) {
    process.stdout.write(`STUCK ${JSON.stringify(stuck.map((i) => ({ state: i.state, attempts: i.attempts, error: i.error })))}\n`);
    process.exitCode = 1;
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
await outbox.dispose();
