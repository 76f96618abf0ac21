import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EmrError } from '../../main/shared/errors.js';
import type { PatientSummary } from '../../main/emr/model.js';
import { ClientSecrets } from '../../main/auth/client-secrets.js';
import type { EmrConnector } from '../../main/emr/connector.js';
import type { Outbox } from '../../main/outbox/outbox.js';
import { createConnector, createOutbox } from '../../main/core/clinic-factory.js';
import { AuditLog } from '../../main/store/audit-log.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import type { SandboxGrant } from './sandbox-process.js';

export interface BenchOutbox {
  outbox: Outbox;
  connector: EmrConnector;
  patient: PatientSummary;
  /** Resolves once every entry is `sent`; rejects if one fails or needs review. */
  allSent(): Promise<void>;
}

/** The real outbox and FHIR connector, made by the app's own factory (main/core/clinic-factory.ts), with the sandbox's token. */
export async function startBenchOutbox(grant: SandboxGrant, dataDir: string, concurrency: number, fhir: { verifyHashUpToBytes?: number } = {}): Promise<BenchOutbox> {
  const demo = demoProfile(grant);
  const profile = { ...demo, fhir: { ...demo.fhir, ...fhir } };
  const tokens = {
    accessToken: async () => grant.accessToken,
    afterUnauthorized: async (): Promise<string> => {
      throw new EmrError('auth', 'The bench token was refused.');
    },
  };
  const connector = await createConnector(profile, { tokens, grantedScope: () => grant.grantedScope, fhirUser: () => grant.fhirUser }, new ClientSecrets(new SecretVault(dataDir, null)));
  const outbox = createOutbox(profile, {
    dataDir,
    audit: new AuditLog(join(dataDir, 'audit.jsonl')),
    // Sealed as the app seals them, so the figures include what sealing each save costs.
    cipher: createAesGcmCipher(randomBytes(32)),
    connector,
    isSignedIn: () => true,
    tuning: { concurrency },
  });
  await outbox.start();
  const { patient: fact } = grant;
  const patient = { id: fact.id, displayName: `${fact.family}, ${fact.given}`, familyName: fact.family, givenNames: fact.given, identifiers: [{ label: 'MRN', value: fact.mrn }] };
  return {
    outbox,
    connector,
    patient,
    async allSent() {
      for (;;) {
        const items = outbox.summary().items;
        const stuck = items.find((i) => i.state === 'failed' || i.state === 'needs-review');
        if (stuck) throw new Error(`upload ${stuck.state}: ${stuck.error?.message ?? ''}`);
        if (items.every((i) => i.state === 'sent')) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** One upload request for the bench's patient, as the drop zone would make it. */
export function documentRequest(path: string, name: string, size: number) {
  return { file: { path, name, size, mime: 'application/pdf', transferred: false }, title: name, date: '2026-11-20', target: { id: 'http://loinc.org|11502-2', label: 'Laboratory report' } };
}
