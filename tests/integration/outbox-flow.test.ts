import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index.js';
import { samplePdf, sha256 } from '../support/documents.js';
import { OutboxRig, patientCursor, useOutboxSandbox } from '../support/outbox-rig.js';
import { timesFiled } from '../support/outbox-server-checks.js';
import type { TestSession } from '../support/outbox-session.js';

let sandbox: Sandbox;
let session: TestSession;
let rig: OutboxRig;
const nextPatient = patientCursor(() => sandbox);

function pdfs(...names: string[]) {
  return names.map((name) => ({ name: `${name}.pdf`, bytes: samplePdf(`${name} ${Date.now()}`) }));
}

const binaryPosts = () => sandbox.requests.entries.filter((r) => r.method === 'POST' && r.path === '/fhir/R4/Binary');

useOutboxSandbox({ patientCount: 20 }, (s, t) => {
  sandbox = s;
  session = t!;
}, () => rig);

describe('outbox flow control over real HTTP', () => {
  it('sends nothing while paused and everything once resumed', async () => {
    rig = await OutboxRig.start(sandbox, session, { startPaused: true });
    const patient = nextPatient();
    const files = pdfs('paused-one', 'paused-two');
    const items = await rig.drop(patient, files);
    expect(items.map((i) => rig.item(i.id)?.state)).toEqual(['queued', 'queued']);
    expect(binaryPosts()).toHaveLength(0);

    // Every change is time-stamped: a send begun while paused, however soon, shows up before this.
    const resumedAt = Date.now();
    rig.outbox.setPaused(false);
    for (const item of items) await rig.untilState(item.id, 'sent');
    for (const file of files) expect(await timesFiled(sandbox, patient.id, sha256(file.bytes))).toBe(1);
    const sendingSince = rig.changes.filter((c) => c.item.state === 'sending' && items.some((i) => i.id === c.item.id)).map((c) => c.at);
    expect(sendingSince.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...sendingSince)).toBeGreaterThanOrEqual(resumedAt);
  });

  it('never sends a cancelled item, and removes its copy', async () => {
    rig = await OutboxRig.start(sandbox, session, { startPaused: true });
    const patient = nextPatient();
    const [cancelledFile, keptFile] = pdfs('cancelled', 'kept');
    const [cancelled, kept] = await rig.drop(patient, [cancelledFile!, keptFile!]);
    expect((await rig.outbox.cancel(cancelled!.id)).state).toBe('cancelled');
    expect(existsSync(rig.store.filePath(cancelled!.id))).toBe(false);

    rig.outbox.setPaused(false);
    await rig.untilState(kept!.id, 'sent');
    expect(rig.item(cancelled!.id)?.state).toBe('cancelled');
    expect(binaryPosts()).toHaveLength(1);
    expect(await timesFiled(sandbox, patient.id, sha256(cancelledFile!.bytes))).toBe(0);
    expect(await timesFiled(sandbox, patient.id, sha256(keptFile!.bytes))).toBe(1);
  });

  it('files one patient’s documents in drop order, one at a time, while another patient’s go ahead', async () => {
    rig = await OutboxRig.start(sandbox, session, { concurrency: 2 });
    // The first upload is slow, so the second slot has time to take the other patient's file.
    sandbox.faults.add({ method: 'POST', path: '/fhir/R4/Binary', kind: 'hang', hangMs: 600, times: 1 });
    const [slow, other] = [nextPatient(), nextPatient()];
    const slowItems = await rig.drop(slow, pdfs('slow-1', 'slow-2', 'slow-3'));
    const [otherItem] = await rig.drop(other, pdfs('other-1'));
    for (const item of [...slowItems, otherItem!]) await rig.untilState(item.id, 'sent');

    const sentOrder = rig.changes.filter((c) => c.item.state === 'sent').map((c) => c.item.id);
    expect(sentOrder.filter((id) => id !== otherItem!.id)).toEqual(slowItems.map((i) => i.id));
    expect(sentOrder.indexOf(otherItem!.id)).toBeLessThan(sentOrder.indexOf(slowItems[0]!.id));
    const sending = new Set<string>();
    for (const { item } of rig.changes.filter((c) => c.item.patient.id === slow.id)) {
      if (item.state === 'sending') sending.add(item.id);
      else sending.delete(item.id);
      expect(sending.size).toBeLessThanOrEqual(1);
    }
  });

  it('reports upload progress that only grows and ends at the file size', async () => {
    rig = await OutboxRig.start(sandbox, session);
    const patient = nextPatient();
    const bytes = Buffer.concat([samplePdf('progress'), randomBytes(8 * 1024 * 1024)]);
    const [item] = await rig.drop(patient, [{ name: 'progress.pdf', bytes }]);
    await rig.untilState(item!.id, 'sent');
    const events = rig.progress.filter((p) => p.id === item!.id);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.totalBytes === bytes.length)).toBe(true);
    const sent = events.map((e) => e.sentBytes);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(bytes.length);
    expect(await timesFiled(sandbox, patient.id, sha256(bytes))).toBe(1);
  });
});
