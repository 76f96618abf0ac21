import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../main/emr/model.js';
import type { Sandbox } from '../../sandbox/index.js';
import { samplePdf, sha256 } from '../support/documents.js';
import { OutboxRig, patientCursor, useOutboxSandbox } from '../support/outbox-rig.js';
import { filedDocuments, timesFiled } from '../support/outbox-server-checks.js';
import type { TestSession } from '../support/outbox-session.js';

const BINARY = '/fhir/R4/Binary';
const DOCUMENT_REFERENCE = '/fhir/R4/DocumentReference';

let sandbox: Sandbox;
let session: TestSession;
let rig: OutboxRig;
const nextPatient = patientCursor(() => sandbox);

async function dropOne(patient: PatientSummary, marker: string) {
  const bytes = samplePdf(`${marker} ${Date.now()}`);
  const [item] = await rig.drop(patient, [{ name: `${marker}.pdf`, bytes }]);
  if (!item) throw new Error('nothing was queued');
  return { item, sha: sha256(bytes) };
}

const posts = (path: string) => sandbox.requests.entries.filter((r) => r.method === 'POST' && r.path === path);

useOutboxSandbox({ patientCount: 30 }, (s, t) => {
  sandbox = s;
  session = t!;
}, () => rig);

describe('outbox over real HTTP, when the EMR fails transiently', () => {
  it('retries after a 500 on the Binary and a 503 on the DocumentReference, and files the document once', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'status-500', times: 1 });
    sandbox.faults.add({ method: 'POST', path: DOCUMENT_REFERENCE, kind: 'status-503', times: 1 });
    const patient = nextPatient();
    const { item, sha } = await dropOne(patient, 'five-hundred');
    const sent = await rig.untilState(item.id, 'sent');
    expect(sent.attempts).toBe(3);
    expect(posts(BINARY).map((r) => r.status)).toEqual([500, 201, 201]);
    expect(posts(DOCUMENT_REFERENCE).map((r) => r.status)).toEqual([503, 201]);
    expect(await timesFiled(sandbox, patient.id, sha)).toBe(1);
  });

  it('waits at least the Retry-After of a 429 before trying again', async () => {
    rig = await OutboxRig.start(sandbox, session, { retryBaseDelayMs: 50 });
    sandbox.faults.add({ method: 'POST', path: DOCUMENT_REFERENCE, kind: 'rate-limit', times: 1, retryAfterSeconds: 1 });
    const patient = nextPatient();
    const { item, sha } = await dropOne(patient, 'rate-limited');
    await rig.untilState(item.id, 'sent');
    const throttled = rig.changes.find((c) => c.item.id === item.id && c.item.error?.kind === 'rate-limited' && c.item.state === 'queued');
    const retried = rig.changes.find((c) => c.item.id === item.id && c.item.state === 'sending' && c.item.attempts === 2);
    expect(throttled?.item.error?.retryAfterMs).toBe(1000);
    // Loosely: the backoff alone would have waited 25–50 ms.
    expect((retried?.at ?? 0) - (throttled?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(await timesFiled(sandbox, patient.id, sha)).toBe(1);
  });

  it('aborts an upload the server stops answering once the stall watchdog fires, and retries it', async () => {
    rig = await OutboxRig.start(sandbox, session, { stallTimeoutMs: 400 });
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'hang', times: 1 });
    const patient = nextPatient();
    const { item, sha } = await dropOne(patient, 'hung');
    const sent = await rig.untilState(item.id, 'sent');
    expect(sent.attempts).toBe(2);
    expect(rig.changes.some((c) => c.item.id === item.id && c.item.error?.message === 'The upload stopped moving and was restarted.')).toBe(true);
    expect(await timesFiled(sandbox, patient.id, sha)).toBe(1);
  });

  it('retries when the connection is reset before the server reads the upload', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'reset-before', times: 1 });
    const patient = nextPatient();
    const { item, sha } = await dropOne(patient, 'reset-before');
    const sent = await rig.untilState(item.id, 'sent');
    expect(sent.attempts).toBe(2);
    // A reset is no answer at all: 'unreachable', retried like a 5xx but worded apart from it.
    expect(rig.changes.some((c) => c.item.id === item.id && c.item.error?.kind === 'unreachable')).toBe(true);
    expect(await timesFiled(sandbox, patient.id, sha)).toBe(1);
  });

  it('files exactly one DocumentReference when the server stores it and the answer is lost (commit-then-drop)', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: DOCUMENT_REFERENCE, kind: 'reset-after', times: 1 });
    const patient = nextPatient();
    const { item, sha } = await dropOne(patient, 'commit-then-drop');
    const sent = await rig.untilState(item.id, 'sent');
    const onServer = await filedDocuments(sandbox, patient.id);
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({ id: sent.emrId, binarySha256: sha });
    // The retry asked the server first, found the document, and sent nothing again.
    expect(posts(DOCUMENT_REFERENCE).map((r) => r.status)).toEqual([201]);
    expect(posts(BINARY)).toHaveLength(1);
  });

  it('files exactly one DocumentReference when the Binary is stored and its answer is lost', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'reset-after', times: 1 });
    const patient = nextPatient();
    const { item, sha } = await dropOne(patient, 'binary-then-drop');
    const sent = await rig.untilState(item.id, 'sent');
    const onServer = await filedDocuments(sandbox, patient.id);
    expect(onServer).toHaveLength(1);
    expect(onServer[0]).toMatchObject({ id: sent.emrId, binarySha256: sha });
    // The first Binary is orphaned on the server: FHIR offers no conditional create for a raw Binary.
    expect(posts(BINARY).map((r) => r.status)).toEqual([201, 201]);
  });
});
