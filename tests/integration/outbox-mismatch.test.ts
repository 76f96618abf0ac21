import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index.js';
import { samplePdf, sha256 } from '../support/documents.js';
import { OutboxRig, patientCursor, useOutboxSandbox } from '../support/outbox-rig.js';
import { filedDocuments } from '../support/outbox-server-checks.js';
import type { TestSession } from '../support/outbox-session.js';

/** Issue 8, "What must hold" 5, as the queue sees it: a stored-something-else is Failed at once, never "Filed". */

const BINARY = '/fhir/R4/Binary';

let sandbox: Sandbox;
let session: TestSession;
let rig: OutboxRig;
const nextPatient = patientCursor(() => sandbox);

useOutboxSandbox({ patientCount: 30 }, (s, t) => {
  sandbox = s;
  session = t!;
}, () => rig);

describe('outbox over real HTTP, when a proxy damages the upload', () => {
  it('fails the item as a mismatch after one attempt, with nothing filed in the chart', async () => {
    rig = await OutboxRig.start(sandbox, session);
    sandbox.faults.add({ method: 'POST', path: BINARY, kind: 'corrupt-body' });
    const patient = nextPatient();
    // Latin-1 bytes above 0x7f, as in the binary comment line real PDFs start with: not UTF-8 text.
    const bytes = samplePdf(`Scan \xe2\xe3\xcf\xd3 ${Date.now()}`);
    const [item] = await rig.drop(patient, [{ name: 'scan.pdf', bytes }]);
    if (!item) throw new Error('nothing was queued');

    const failed = await rig.untilState(item.id, 'failed');
    expect(failed.error).toMatchObject({ kind: 'mismatch', message: expect.stringMatching(new RegExp(`sent ${bytes.length} bytes sha256 ${sha256(bytes).slice(0, 12)}…, the EMR holds \\d+ bytes`)) });
    expect(failed.attempts).toBe(1);
    expect(rig.changes.some((c) => c.item.id === item.id && c.item.state === 'sent')).toBe(false);
    expect(sandbox.requests.entries.filter((r) => r.method === 'POST' && r.path === BINARY)).toHaveLength(1);
    expect(await filedDocuments(sandbox, patient.id)).toEqual([]);
  });
});
