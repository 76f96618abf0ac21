import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EmrError } from '../../main/shared/errors.js';
import { FhirConnector } from '../../main/emr/fhir/fhir-connector.js';
import { createEmrHttp } from '../../main/emr/http.js';
import type { PatientSummary } from '../../main/emr/model.js';
import { EntryStore } from '../../main/outbox/entry-store.js';
import { Outbox } from '../../main/outbox/outbox.js';
import { AuditLog } from '../../main/store/audit-log.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import type { SandboxGrant } from './sandbox-process.js';

export interface BenchOutbox {
  outbox: Outbox;
  connector: FhirConnector;
  patient: PatientSummary;
  /** Resolves once every entry is `sent`; rejects if one fails or needs review. */
  allSent(): Promise<void>;
}

/** The real outbox and FHIR connector, wired as `main/core.ts` wires them, with the sandbox's token. */
export async function startBenchOutbox(grant: SandboxGrant, dataDir: string, concurrency: number, fhir: { verifyHashUpToBytes?: number } = {}): Promise<BenchOutbox> {
  const demo = demoProfile(grant);
  const profile = { ...demo, fhir: { ...demo.fhir, ...fhir } };
  const tokens = {
    accessToken: async () => grant.accessToken,
    afterUnauthorized: async (): Promise<string> => {
      throw new EmrError('auth', 'The bench token was refused.');
    },
  };
  const connector = new FhirConnector({
    profile,
    http: createEmrHttp({ prefixUrl: profile.baseUrl, tokens }),
    grantedScope: () => grant.grantedScope,
    fhirUser: () => grant.fhirUser,
  });
  const outbox = new Outbox({
    // Sealed as the app seals them, so the figures include what sealing each save costs.
    store: new EntryStore(join(dataDir, 'outbox'), createAesGcmCipher(randomBytes(32))),
    audit: new AuditLog(join(dataDir, 'audit.jsonl')),
    profileId: profile.id,
    connectorKind: 'fhir',
    connector: () => connector,
    isSignedIn: () => true,
    concurrency,
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
