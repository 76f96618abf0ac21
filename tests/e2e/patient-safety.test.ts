import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserShell, type BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type PatientFact, type Sandbox } from '../../sandbox/index.js';
import { choosePatient, dropZone, signInAsPhysician } from '../support/app-steps.js';
import { stepShooter } from '../support/artifacts.js';
import { samplePdf, sha1, sha256 } from '../support/documents.js';
import { dropFiles } from '../support/drop.js';

let sandbox: Sandbox;
let shell: BrowserShell;
let dataDir: string;
let older: PatientFact;
let younger: PatientFact;
const shoot = stepShooter('patient-safety');

beforeAll(async () => {
  sandbox = await startSandbox();
  const pair = sandbox.fhir.seed.sameNameDifferentBirthDatePairs[0];
  if (!pair) throw new Error('the sandbox seed has no same-name pair');
  [older, younger] = pair;
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-e2e-'));
  shell = await launchBrowserShell({ dataDir, profile: demoProfile(sandbox), demo: true, headless: true });
  await signInAsPhysician(shell, sandbox);
});

afterAll(async () => {
  await shell?.close();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function documentsOf(patient: PatientFact): Promise<DocumentReference[]> {
  const found = await sandbox.fhir.search('DocumentReference', { patient: `Patient/${patient.id}` });
  return found.filter((d) => d.identifier?.some((i) => i.system === 'urn:chartdrop:document'));
}

async function storedSha256(doc: DocumentReference | undefined): Promise<string> {
  const binaryId = doc?.content?.[0]?.attachment?.url?.replace(/^Binary\//, '') ?? '';
  return sha256(await sandbox.fhir.readBinary(binaryId));
}

/** "Garcia, Maria · born 17 Apr 1958 · MRN …": what every writing button must say. */
function identityPattern(patient: PatientFact): RegExp {
  const [year, month, day] = patient.birthDate.split('-').map(Number) as [number, number, number];
  const monthName = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1];
  return new RegExp(`${patient.family}, ${patient.given} · born ${day} ${monthName} ${year} · ${patient.mrn}`);
}

describe('a file reaches only the patient it was dropped for (two patients named Garcia, Maria)', () => {
  it('holds ready files when the patient changes, and files them to the patient they were dropped for', { timeout: 90_000 }, async () => {
    const app = shell.appPage;
    expect(older.family).toBe(younger.family);
    expect(older.given).toBe(younger.given);
    await choosePatient(app, older);
    const pdf = samplePdf(`held ${Date.now()}`);
    await dropFiles(dropZone(app), [{ name: 'Bloodwork_2026-11-20.pdf', mimeType: 'application/pdf', bytes: pdf }]);
    const ready = app.getByRole('list', { name: 'Ready to file' });
    await ready.getByLabel('Document type').selectOption({ label: 'Laboratory report' });
    // The button names the patient with birth date and chart number, not only the shared name.
    await app.getByRole('button', { name: identityPattern(older) }).waitFor();

    await choosePatient(app, younger);
    // Nothing follows the change: the file is held, and the prompt names both patients apart.
    const prompt = app.getByRole('alertdialog', { name: 'Files dropped for another patient' });
    await prompt.waitFor();
    expect(await app.getByRole('list', { name: 'Ready to file' }).count()).toBe(0);
    const text = (await prompt.textContent()) ?? '';
    expect(text).toMatch(identityPattern(older));
    expect(text).toMatch(identityPattern(younger));
    await shoot(app, 'patient-change-prompt');

    await prompt.getByRole('button', { name: new RegExp(`^File them to ${identityPattern(older).source}`) }).click();
    await app.getByRole('region', { name: 'Uploads' }).getByRole('list', { name: new RegExp(`Uploads for ${identityPattern(older).source}`) }).getByText('Filed', { exact: true }).waitFor({ timeout: 30_000 });
    await shoot(app, 'filed-to-dropped-for');
    const olderDocs = await documentsOf(older);
    expect(olderDocs).toHaveLength(1);
    expect(await storedSha256(olderDocs[0])).toBe(sha256(pdf));
    expect(await documentsOf(younger)).toHaveLength(0);
    // The banner's patient's uploads come first; the other Garcia's are under their own name.
    const groups = await app.getByRole('region', { name: 'Uploads' }).getByRole('heading', { level: 3 }).allTextContents();
    expect(groups[0]).toMatch(identityPattern(older));
    // No raw EMR ids on the items: they mean nothing to the person filing.
    expect(await app.getByRole('region', { name: 'Uploads' }).textContent()).not.toMatch(/EMR id|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('moves held files to the new patient only as an explicit act, and discards as asked', { timeout: 60_000 }, async () => {
    const app = shell.appPage;
    await choosePatient(app, younger);
    const moved = samplePdf(`moved ${Date.now()}`);
    await dropFiles(dropZone(app), [{ name: 'Consult.pdf', mimeType: 'application/pdf', bytes: moved }]);
    const type = app.getByRole('list', { name: 'Ready to file' }).getByLabel('Document type');
    // The type chosen for the last, unrelated file is not preset on this one.
    expect(await type.inputValue()).toBe('');
    await type.selectOption({ label: 'Consult note' });
    await choosePatient(app, older);
    const prompt = app.getByRole('alertdialog', { name: 'Files dropped for another patient' });
    await prompt.getByRole('button', { name: new RegExp(`^Move them to ${identityPattern(older).source}`) }).click();
    await prompt.waitFor({ state: 'detached' });
    await app.getByRole('button', { name: new RegExp(`^File 1 document to ${identityPattern(older).source}`) }).click();
    await expect.poll(async () => (await documentsOf(older)).length, { timeout: 30_000 }).toBe(2);
    expect(await documentsOf(younger)).toHaveLength(0);

    await choosePatient(app, younger);
    await dropFiles(dropZone(app), [{ name: 'Wrong chart.pdf', mimeType: 'application/pdf', bytes: samplePdf(`discard ${Date.now()}`) }]);
    await app.getByRole('list', { name: 'Ready to file' }).waitFor();
    await choosePatient(app, older);
    await app.getByRole('alertdialog', { name: 'Files dropped for another patient' }).getByRole('button', { name: 'Discard them' }).click();
    await app.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect(await documentsOf(younger)).toHaveLength(0);
  });
});

describe('the same file filed twice', () => {
  it('warns before queueing (when, by whom, as what), and a deliberate second filing is a second document', { timeout: 90_000 }, async () => {
    const app = shell.appPage;
    await choosePatient(app, older);
    const before = (await documentsOf(older)).length;
    const pdf = samplePdf(`twice ${Date.now()}`);
    await dropFiles(dropZone(app), [{ name: 'Discharge summary.pdf', mimeType: 'application/pdf', bytes: pdf }]);
    await app.getByRole('list', { name: 'Ready to file' }).getByLabel('Document type').selectOption({ label: 'Note' });
    await app.getByRole('button', { name: /^File 1 document to / }).click();
    await expect.poll(async () => (await documentsOf(older)).length, { timeout: 30_000 }).toBe(before + 1);

    await dropFiles(dropZone(app), [{ name: 'Discharge summary.pdf', mimeType: 'application/pdf', bytes: pdf }]);
    const ready = app.getByRole('list', { name: 'Ready to file' });
    const warning = ready.getByRole('status').filter({ hasText: 'already in this patient' });
    await warning.waitFor({ timeout: 15_000 });
    const said = (await warning.textContent()) ?? '';
    expect(said).toContain('“Discharge summary”');
    expect(said).toMatch(/by Dr\./);
    await ready.getByLabel('Title').fill('Discharge summary (corrected copy)');
    await ready.getByLabel('Document type').selectOption({ label: 'Administrative note' });
    await shoot(app, 'duplicate-warning');

    // Filing is held back until the user chooses to file it again.
    await app.getByRole('button', { name: /^File 1 document to / }).click();
    await app.getByText('tick “File it again anyway” or remove it').waitFor();
    expect((await documentsOf(older)).length).toBe(before + 1);
    await ready.getByLabel('File it again anyway').check();
    await app.getByRole('button', { name: /^File 1 document to / }).click();
    await expect.poll(async () => (await documentsOf(older)).length, { timeout: 30_000 }).toBe(before + 2);
    const copies = (await documentsOf(older)).filter((d) => d.content?.[0]?.attachment?.hash === Buffer.from(sha1(pdf), 'hex').toString('base64'));
    expect(copies.map((d) => d.description).sort()).toEqual(['Discharge summary', 'Discharge summary (corrected copy)']);
    expect(new Set(copies.map((d) => d.id)).size).toBe(2);
  });
});

describe('a screen nobody is signed in to', () => {
  it('shows counts only, no patient names or titles, after sign-out', { timeout: 30_000 }, async () => {
    const app = shell.appPage;
    await app.getByRole('button', { name: 'Sign out' }).click();
    // The header asks first; confirm in that group.
    await app.getByRole('group', { name: /^Sign out of / }).getByRole('button', { name: 'Sign out' }).click();
    await app.getByRole('button', { name: 'Sign in' }).waitFor();
    const uploads = app.getByRole('region', { name: 'Uploads' });
    await uploads.getByText(/uploads were filed today/).waitFor();
    const body = (await app.locator('body').textContent()) ?? '';
    expect(body).not.toContain(older.family);
    expect(body).not.toContain('Discharge summary');
    expect(body).not.toContain(older.mrn);
    await shoot(app, 'signed-out-counts');
  });
});
