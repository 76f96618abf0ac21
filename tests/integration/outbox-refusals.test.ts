import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index.js';
import { CHARTDROP_V2_SCOPES, signInForTests } from '../../sandbox/sign-in-for-tests.js';
import { samplePdf, sha256 } from '../support/documents.js';
import { OutboxRig, patientCursor, useOutboxSandbox } from '../support/outbox-rig.js';
import { timesFiled, untilTokenRefused } from '../support/outbox-server-checks.js';
import { TestSession } from '../support/outbox-session.js';

const UPLOAD_LIMIT = 64 * 1024;
const TOKEN_TTL_SECONDS = 2;

let sandbox: Sandbox;
let rig: OutboxRig;
const nextPatient = patientCursor(() => sandbox);

const posts = (resource: string) => sandbox.requests.entries.filter((r) => r.method === 'POST' && r.path === `/fhir/R4/${resource}`);

// Each test signs in its own way (scopes, user), so the file shares only the sandbox.
useOutboxSandbox({ patientCount: 20, maxUploadBytes: UPLOAD_LIMIT, accessTokenTtlSeconds: TOKEN_TTL_SECONDS, signIn: false }, (s) => {
  sandbox = s;
}, () => rig);

describe('outbox over real HTTP, when the EMR refuses', () => {
  it('fails a file larger than the server accepts at once (413), with the reason, and sends it once', async () => {
    rig = await OutboxRig.start(sandbox, new TestSession(await signInForTests(sandbox)));
    const bytes = Buffer.concat([samplePdf('too big'), randomBytes(UPLOAD_LIMIT)]);
    const [item] = await rig.drop(nextPatient(), [{ name: 'too-big.pdf', bytes }]);
    const failed = await rig.untilState(item!.id, 'failed');
    // Its own kind, never retried; the message is the server's own words.
    expect(failed).toMatchObject({ attempts: 1, error: { kind: 'too-large', status: 413, message: 'Upload exceeds the server limit of 65536 bytes' } });
    expect(posts('Binary').map((r) => r.status)).toEqual([413]);
    // A failed item keeps its copy: the user may retry it against a server with a higher limit.
    expect(existsSync(rig.store.filePath(item!.id))).toBe(true);
  });

  it('fails at once with the server’s reason when the token lacks the write scope the app believed it had (403)', async () => {
    // The server granted less than was asked and, as RFC 6749 §5.1 allows when the scope is unchanged, the app assumed all of it.
    const readOnlyDocuments = CHARTDROP_V2_SCOPES.replace('user/DocumentReference.crs', 'user/DocumentReference.rs');
    const session = new TestSession(await signInForTests(sandbox, { scope: readOnlyDocuments }), CHARTDROP_V2_SCOPES);
    rig = await OutboxRig.start(sandbox, session);
    const patient = nextPatient();
    const bytes = samplePdf(`forbidden ${Date.now()}`);
    const [item] = await rig.drop(patient, [{ name: 'forbidden.pdf', bytes }]);
    const failed = await rig.untilState(item!.id, 'failed');
    expect(failed).toMatchObject({ attempts: 1, error: { kind: 'forbidden', status: 403 } });
    expect(failed.error?.message).toContain('The granted scopes do not allow this on DocumentReference');
    expect(posts('DocumentReference').map((r) => r.status)).toEqual([403]);
    expect(await timesFiled(sandbox, patient.id, sha256(bytes))).toBe(0);
  });

  it('pauses the whole queue as signed out when the session has ended, loses nothing, and files it all after signing in again', async () => {
    const session = new TestSession(await signInForTests(sandbox, { login: 'reception' }));
    rig = await OutboxRig.start(sandbox, session);
    await sandbox.revokeGrants('reception');
    await untilTokenRefused(sandbox, await session.accessToken(), (TOKEN_TTL_SECONDS + 5) * 1000);
    const patient = nextPatient();
    const files = ['first', 'second'].map((name) => ({ name: `${name}.pdf`, bytes: samplePdf(`${name} signed out ${Date.now()}`) }));
    const items = await rig.drop(patient, files);
    await rig.until(() => rig.outbox.summary().pausedReason === 'signed-out');
    expect(session.signedIn).toBe(false);
    for (const item of items) {
      expect(rig.item(item.id)).toMatchObject({ state: 'queued', attempts: 0 });
      expect(existsSync(rig.store.filePath(item.id))).toBe(true);
    }
    expect(posts('Binary').map((r) => r.status)).toEqual([401]);

    session.signInAgain(await signInForTests(sandbox, { login: 'reception' }));
    rig.outbox.setPaused(false);
    for (const item of items) await rig.untilState(item.id, 'sent');
    for (const file of files) expect(await timesFiled(sandbox, patient.id, sha256(file.bytes))).toBe(1);
  });
});
