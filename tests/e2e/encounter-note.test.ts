import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentReference } from '@medplum/fhirtypes';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowserShell, type BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type PatientFact, type Sandbox } from '../../sandbox/index.js';
import { choosePatient, signInAsPhysician } from '../support/app-steps.js';

/**
 * Issue 11 end to end, in real Chromium through the browser shell against the sandbox: a note from
 * a template, a restart mid-draft, the draft found again, Send, "Filed", exactly one progress note on
 * the FHIR server with exactly the words typed, and nothing of the note or the patient readable in
 * the data folder. Needs the built renderer (`npm run build:renderer`).
 */

const PROGRESS_NOTE = { system: 'http://loinc.org', code: '11506-3' };
const SCREENSHOTS = join(process.cwd(), 'artifacts', 'screenshots');

let sandbox: Sandbox;
let shell: BrowserShell | undefined;
let dataDir: string;
let patient: PatientFact;
let other: PatientFact;
/** In the user's own template, which is kept encrypted like the drafts. */
const templateMarker = `tpl-${randomUUID().slice(0, 8)}`;

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `encounter-note-${name}.png`), fullPage: true });
}

function startShell(): Promise<BrowserShell> {
  return launchBrowserShell({ dataDir, profile: demoProfile(sandbox), demo: true, headless: true });
}

/** "Garcia, Maria · born 17 Apr 1958 · MRN …", as every writing button and confirmation must name the patient. */
function identityOf(fact: PatientFact): string {
  const [year, month, day] = fact.birthDate.split('-').map(Number) as [number, number, number];
  const monthName = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1];
  return `${fact.family}, ${fact.given} · born ${day} ${monthName} ${year} · ${fact.mrn}`;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function progressNotesOf(fact: PatientFact): Promise<DocumentReference[]> {
  const found = await sandbox.fhir.search('DocumentReference', { patient: `Patient/${fact.id}` });
  return found.filter((d) => d.type?.coding?.some((c) => c.system === PROGRESS_NOTE.system && c.code === PROGRESS_NOTE.code));
}

function attachmentText(doc: DocumentReference | undefined): string | undefined {
  const data = doc?.content?.[0]?.attachment?.data;
  return data === undefined ? undefined : Buffer.from(data, 'base64').toString('utf8');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** After a restart the session may resume from the encrypted vault, or ask to sign in again. */
async function signedInAfterRestart(started: BrowserShell): Promise<void> {
  const app = started.appPage;
  const search = app.getByRole('searchbox', { name: 'Search patients' });
  const signIn = app.getByRole('button', { name: 'Sign in' });
  await search.or(signIn).first().waitFor();
  if (await signIn.isVisible()) await signInAsPhysician(started, sandbox);
}

beforeAll(async () => {
  // The browser shell encrypts what it keeps with this key; without one, drafts end with the run.
  vi.stubEnv('CHARTDROP_DATA_KEY', randomBytes(32).toString('hex'));
  sandbox = await startSandbox();
  const candidates: PatientFact[] = [];
  // Long, plain family names: a short one could occur in ciphertext by chance; no seeded progress notes.
  for (const fact of sandbox.fhir.seed.patients) {
    if (fact.family.length >= 6 && /^[A-Za-z]+$/.test(fact.family) && (await progressNotesOf(fact)).length === 0) candidates.push(fact);
    if (candidates.length === 2) break;
  }
  [patient, other] = candidates as [PatientFact, PatientFact];
  if (!patient || !other) throw new Error('the sandbox seed has no two plain patients without progress notes');
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-e2e-note-'));
  shell = await startShell();
  await signInAsPhysician(shell, sandbox);
}, 120_000);

afterAll(async () => {
  await shell?.close();
  await sandbox?.close();
  vi.unstubAllEnvs();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('an encounter note, from a template to the chart', () => {
  it('saves the note as the user’s own template, edits and deletes it, and hides a built-in until shown again', { timeout: 90_000 }, async () => {
    if (!shell) throw new Error('the shell did not start');
    const app = shell.appPage;
    const identity = identityOf(other);
    await choosePatient(app, other);
    await app.getByRole('tablist', { name: 'What to do for this patient' }).getByRole('tab', { name: 'Write a note' }).click();
    const composer = app.getByRole('region', { name: 'Encounter note' });
    const text = composer.getByLabel('Note', { exact: true });
    await expect.poll(() => text.isEnabled()).toBe(true);
    await composer.getByLabel('Title').fill('Wound check');
    await text.fill(`Wound clean and dry. ${templateMarker}`);

    const manage = composer.getByRole('button', { name: 'Manage templates' });
    await manage.click();
    expect(await manage.getAttribute('aria-expanded')).toBe('true');
    const templates = composer.getByRole('region', { name: 'Templates' });
    const name = `Wound check ${templateMarker}`;
    await templates.getByLabel('Template name').fill(name);
    await templates.getByRole('button', { name: 'Save this note as a template' }).click();
    await templates.getByText(`Template “${name}” saved.`).waitFor();
    const picker = composer.getByRole('combobox', { name: 'Template', exact: true });
    await picker.getByRole('option', { name }).waitFor({ state: 'attached' });

    await templates.getByRole('button', { name: 'Hide No-show' }).click();
    await templates.getByRole('button', { name: 'Show No-show' }).waitFor();
    expect(await picker.getByRole('option', { name: 'No-show' }).count()).toBe(0);
    await templates.getByRole('button', { name: 'Show No-show' }).click();
    await picker.getByRole('option', { name: 'No-show' }).waitFor({ state: 'attached' });

    await templates.getByRole('button', { name: `Edit ${name}` }).click();
    const editor = templates.getByRole('form', { name: `Edit template “${name}”` });
    await editor.getByLabel('Note', { exact: true }).fill(`Wound healing well. ${templateMarker}`);
    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.waitFor({ state: 'detached' });

    // Discarding asks first and names the patient; then the edited template fills an empty composer without a question.
    await composer.getByRole('button', { name: 'Discard draft', exact: true }).click();
    await composer.getByRole('alertdialog').getByRole('button', { name: `Discard draft for ${identity}` }).click();
    await composer.getByText('Draft discarded.').waitFor();
    expect(await text.inputValue()).toBe('');
    await picker.selectOption({ label: name });
    await composer.getByRole('button', { name: 'Use template' }).click();
    expect(await text.inputValue()).toBe(`Wound healing well. ${templateMarker}`);
    expect(await composer.getByLabel('Title').inputValue()).toBe('Wound check');

    await templates.getByRole('button', { name: `Delete ${name}` }).click();
    await templates.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => picker.getByRole('option', { name }).count()).toBe(0);
    await manage.click();
    // Leaves no draft for this patient behind for the next test's list of other patients' drafts.
    await composer.getByRole('button', { name: 'Discard draft', exact: true }).click();
    await composer.getByRole('alertdialog').getByRole('button', { name: `Discard draft for ${identity}` }).click();
    await composer.getByText('Draft discarded.').waitFor();
  });

  it('survives a restart as an encrypted draft, is filed once with exactly its words, and leaves nothing readable on disk', { timeout: 180_000 }, async () => {
    if (!shell) throw new Error('the shell did not start');
    let app = shell.appPage;
    const identity = identityOf(patient);
    const marker = randomUUID().slice(0, 8);

    await choosePatient(app, patient);
    const tabs = app.getByRole('tablist', { name: 'What to do for this patient' });
    await tabs.getByRole('tab', { name: 'Write a note' }).click();
    const composer = app.getByRole('region', { name: 'Encounter note' });
    const text = composer.getByLabel('Note', { exact: true });
    await expect.poll(() => text.isEnabled()).toBe(true);
    // Nothing can be sent yet, and the button already says for whom.
    const send = composer.getByRole('button', { name: `Send note for ${identity}` });
    expect(await send.isDisabled()).toBe(true);
    await screenshot(app, 'composer');

    await composer.getByRole('combobox', { name: 'Template', exact: true }).selectOption({ label: 'Phone call' });
    await screenshot(app, 'template-picker');
    await composer.getByRole('button', { name: 'Use template' }).click();
    expect(await composer.getByLabel('Title').inputValue()).toBe('Phone call');
    const fromTemplate = await text.inputValue();
    expect(fromTemplate).toContain('Phone call with ___');

    // FHIR takes Unicode: the accent and the curly quotes must reach the chart exactly as typed.
    const typed = `${fromTemplate.replace('___ (patient / caregiver / pharmacy)', 'the patient’s daughter, Chloé')}\nRef ${marker} — “stable”.`;
    await text.fill(typed.slice(0, -12));
    await text.pressSequentially(typed.slice(-12));
    expect(await text.inputValue()).toBe(typed);

    // A second template does not overwrite words typed without asking.
    await composer.getByRole('combobox', { name: 'Template', exact: true }).selectOption({ label: 'Follow-up' });
    await composer.getByRole('button', { name: 'Use template' }).click();
    const question = composer.getByRole('alertdialog');
    await question.getByText('Replace what you have written with the template “Follow-up”?').waitFor();
    await question.getByRole('button', { name: 'Keep my words' }).click();
    expect(await text.inputValue()).toBe(typed);

    await composer.getByText(/^Draft saved \d\d:\d\d$/).waitFor();
    expect(await send.isEnabled()).toBe(true);

    // The note stays with its patient: another patient's composer starts empty and names the draft left behind.
    await choosePatient(app, other);
    const otherComposer = app.getByRole('region', { name: 'Encounter note' });
    await otherComposer.getByText(`For ${identityOf(other)}`, { exact: true }).waitFor();
    await app.getByText(`The note you were writing stays with ${identity} as a draft.`).waitFor();
    await expect.poll(() => otherComposer.getByLabel('Note', { exact: true }).isEnabled()).toBe(true);
    expect(await otherComposer.getByLabel('Note', { exact: true }).inputValue()).toBe('');
    expect(await otherComposer.getByLabel('Title').inputValue()).toBe('');
    const drafts = app.getByRole('list', { name: 'Drafts for other patients' });
    await drafts.getByText(new RegExp(`^${escaped(`${patient.family}, ${patient.given}`)} · born `)).waitFor();

    await shell.close();
    shell = await startShell();
    app = shell.appPage;
    await signedInAfterRestart(shell);
    await choosePatient(app, patient);
    await app.getByRole('tablist', { name: 'What to do for this patient' }).getByRole('tab', { name: 'Write a note' }).click();
    const restored = app.getByRole('region', { name: 'Encounter note' });
    await restored.getByText(/^Draft from \d\d:\d\d restored$/).waitFor();
    const restoredText = restored.getByLabel('Note', { exact: true });
    expect(await restoredText.inputValue()).toBe(typed);
    expect(await restored.getByLabel('Title').inputValue()).toBe('Phone call');
    await screenshot(app, 'draft-restored');

    const before = (await progressNotesOf(patient)).length;
    expect(before).toBe(0);
    await restoredText.press('Control+Enter');
    const confirmation = restored.getByText(`Note “Phone call” added to uploads for ${identity}. It is filed in the chart from there.`);
    await confirmation.waitFor();
    expect(await restoredText.inputValue()).toBe('');
    const uploads = app.getByRole('region', { name: 'Uploads' }).getByRole('list', { name: new RegExp(`^Uploads for ${escaped(identity)}`) });
    const item = uploads.getByRole('listitem').filter({ hasText: 'Phone call' });
    await item.getByText('Filed', { exact: true }).waitFor({ timeout: 30_000 });
    await screenshot(app, 'sent');

    const filed = await progressNotesOf(patient);
    expect(filed).toHaveLength(1);
    expect(attachmentText(filed[0])).toBe(typed);
    expect(filed[0]?.content?.[0]?.attachment?.contentType).toBe('text/plain; charset=utf-8');
    expect(await progressNotesOf(other)).toHaveLength(0);

    // Sent means no draft left for this patient, and nothing readable anywhere under the data folder.
    await expect.poll(async () => (await readdir(join(dataDir, 'note-drafts')).catch(() => [])).filter((name) => name.endsWith('.draft')).length).toBe(0);
    await shell.close();
    shell = undefined;
    const needles = [typed, `Ref ${marker}`, 'Chloé', patient.family, templateMarker];
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    const readable: string[] = [];
    for (const file of files) {
      const bytes = await readFile(file);
      for (const needle of needles) {
        if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) readable.push(`${file}: ${needle.slice(0, 20)}`);
      }
    }
    expect(readable).toEqual([]);
  });
});
