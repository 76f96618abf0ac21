import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserShell, type BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type PatientFact, type Sandbox } from '../../sandbox/index.js';
import { choosePatient, signInAsPhysician } from '../support/app-steps.js';

/**
 * A server that takes plain characters only (the profile's `fhir.notes.charset: 'ascii'`, as a
 * clinic sets it for an interface engine that mangles the rest; Accuro will report it itself):
 * Send stays off while the note holds curly quotes, a dash or an accent, "Fix characters…" shows
 * each change before making it, and the chart then holds exactly the fixed words.
 */

let sandbox: Sandbox;
let shell: BrowserShell | undefined;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-e2e-ascii-'));
  const demo = demoProfile(sandbox);
  shell = await launchBrowserShell({ dataDir, profile: { ...demo, fhir: { ...demo.fhir, notes: { ...demo.fhir.notes, charset: 'ascii' } } }, demo: true, headless: true });
  await signInAsPhysician(shell, sandbox);
}, 120_000);

afterAll(async () => {
  await shell?.close();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a note for an EMR that takes plain characters only', () => {
  it('refuses Send until the characters are fixed, shows each change first, and files the fixed words', { timeout: 90_000 }, async () => {
    if (!shell) throw new Error('the shell did not start');
    const app = shell.appPage;
    const patient: PatientFact = sandbox.fhir.seed.patients[3]!;
    await choosePatient(app, patient);
    await app.getByRole('tablist', { name: 'What to do for this patient' }).getByRole('tab', { name: 'Write a note' }).click();
    const composer = app.getByRole('region', { name: 'Encounter note' });
    const text = composer.getByLabel('Note', { exact: true });
    await expect.poll(() => text.isEnabled()).toBe(true);
    await composer.getByLabel('Title').fill('Phone call');
    const marker = `ascii-${Date.now()}`;
    await text.fill(`Spoke with “Chloé” — no fever… ${marker}`);

    const send = composer.getByRole('button', { name: /^Send note for / });
    await expect.poll(() => send.isDisabled()).toBe(true);
    await composer.getByRole('button', { name: 'Fix characters…' }).click();
    const preview = composer.getByRole('alertdialog', { name: 'Fix characters' });
    const changes = preview.getByRole('list', { name: 'Changes' });
    await changes.getByRole('listitem').first().waitFor();
    expect(await changes.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
    mkdirSync(join(process.cwd(), 'artifacts', 'screenshots'), { recursive: true });
    await app.screenshot({ path: join(process.cwd(), 'artifacts', 'screenshots', 'encounter-note-ascii-fix.png'), fullPage: true });
    // Nothing changes before the user agrees.
    expect(await text.inputValue()).toContain('“Chloé”');
    await preview.getByRole('button', { name: 'Apply changes' }).click();

    const fixed = await text.inputValue();
    expect(fixed).toBe(`Spoke with "Chloe" -- no fever... ${marker}`);
    await expect.poll(() => send.isEnabled()).toBe(true);
    await send.click();
    await expect
      .poll(
        async () => {
          const docs = await sandbox.fhir.search('DocumentReference', { patient: `Patient/${patient.id}` });
          return docs.map((d) => Buffer.from(d.content[0]?.attachment.data ?? '', 'base64').toString('utf8')).filter((t) => t.includes(marker));
        },
        { timeout: 30_000, interval: 250 },
      )
      .toEqual([fixed]);
  });
});
