import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserShell, type BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { stepShooter } from '../support/artifacts.js';
import { samplePdf, sha256 } from '../support/documents.js';
import { signInInBrowserTab } from '../support/app-steps.js';
import { dropFiles } from '../support/drop.js';

let sandbox: Sandbox;
let shell: BrowserShell;
let dataDir: string;
const shoot = stepShooter('file-a-document');

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-e2e-'));
  shell = await launchBrowserShell({ dataDir, profile: demoProfile(sandbox), demo: true, headless: true });
});

afterAll(async () => {
  await shell?.close();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('walking skeleton, in real Chromium against the sandbox', () => {
  it('signs in, finds a patient, files a dropped PDF and the FHIR server holds exactly those bytes', { timeout: 90_000 }, async () => {
    const app = shell.appPage;
    const patient = sandbox.fhir.seed.apostropheNames[0];
    if (!patient) throw new Error('the sandbox seed has no apostrophe name');

    await app.getByText('Demo mode — synthetic patients, nothing here is real').waitFor();
    await shoot(app, 'signed-out');

    const tabOpened = shell.context.waitForEvent('page');
    await app.getByRole('button', { name: 'Sign in' }).click();
    const tab = await tabOpened;
    await tab.waitForLoadState();
    await shoot(tab, 'login-page');
    const physician = sandbox.users.find((u) => u.role === 'physician');
    if (!physician) throw new Error('no physician in the sandbox');
    await signInInBrowserTab(tab, physician.login, physician.password);
    await shoot(tab, 'browser-says-signed-in');
    await tab.close();

    const search = app.getByRole('searchbox', { name: 'Search patients' });
    await search.waitFor();
    await shoot(app, 'signed-in');
    await search.fill(patient.family);
    const option = app.getByRole('listbox', { name: 'Patients' }).getByRole('option').filter({ hasText: patient.mrn });
    await option.click();
    const banner = app.getByRole('region', { name: 'Active patient' });
    await expect.poll(() => banner.textContent()).toContain(patient.mrn);
    await shoot(app, 'patient-chosen');

    const pdf = samplePdf(`e2e ${Date.now()}`);
    await dropFiles(app.getByRole('region', { name: 'Drop files to file them in the chart' }), [
      { name: 'Lab_results_2026-11-20.pdf', mimeType: 'application/pdf', bytes: pdf },
    ]);
    const ready = app.getByRole('list', { name: 'Ready to file' });
    await ready.getByLabel('Title').waitFor();
    expect(await ready.getByLabel('Title').inputValue()).toBe('Lab results');
    expect(await ready.getByLabel('Date').inputValue()).toBe('2026-11-20');
    await ready.getByLabel('Document type').selectOption({ label: 'Laboratory report' });
    // pdf.js draws the first page in the renderer, under the app's CSP.
    await ready.locator('img.thumbnail').waitFor();
    await shoot(app, 'dropped');

    await app.getByRole('button', { name: new RegExp(`^File 1 document to ${patient.family}`) }).click();
    const uploads = app.getByRole('region', { name: 'Uploads' });
    await uploads.getByText('Filed', { exact: true }).waitFor({ timeout: 30_000 });
    await shoot(app, 'filed');

    const documents = await sandbox.fhir.search('DocumentReference', { patient: `Patient/${patient.id}`, type: 'http://loinc.org|11502-2' });
    const filed = documents.filter((d) => d.identifier?.some((i) => i.system === 'urn:chartdrop:document'));
    expect(filed).toHaveLength(1);
    const attachment = filed[0]?.content?.[0]?.attachment;
    expect(attachment?.contentType).toBe('application/pdf');
    expect(filed[0]?.author?.[0]?.reference).toBe(`Practitioner/${physician.practitionerId}`);
    const binaryId = attachment?.url?.replace(/^Binary\//, '') ?? '';
    const stored = await sandbox.fhir.readBinary(binaryId);
    expect(sha256(stored)).toBe(sha256(pdf));

    const chart = app.getByRole('region', { name: 'In the chart', exact: true });
    await expect.poll(() => chart.textContent(), { timeout: 10_000 }).toContain('Lab results');
    await shoot(app, 'in-the-chart');
  });
});

describe('a renderer that names a file itself', () => {
  it('is refused by main even when it calls the shell binding directly, bypassing the preload', async () => {
    const reply = await shell.appPage.evaluate(async () => {
      const page = globalThis as unknown as { __chartdropInvoke(channel: string, input: unknown): Promise<unknown> };
      return page.__chartdropInvoke('files:register', { name: 'passwd', source: { kind: 'path', path: '/etc/passwd' } });
    });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});

describe('bad input and a failing server, as the user sees them', () => {
  it('refuses an empty file and a disguised program before sending, with the reason, and files the good one', { timeout: 60_000 }, async () => {
    const app = shell.appPage;
    const zone = app.getByRole('region', { name: 'Drop files to file them in the chart' });
    await dropFiles(zone, [
      { name: 'blank-scan.pdf', mimeType: 'application/pdf', bytes: Buffer.alloc(0) },
      { name: 'invoice\u202Efdp.exe', mimeType: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a document') },
      { name: 'Referral_2026-11-18.pdf', mimeType: 'application/pdf', bytes: samplePdf(`referral ${Date.now()}`) },
    ]);
    const refused = app.getByRole('list', { name: 'Not added' });
    await expect.poll(() => refused.getByRole('listitem').count()).toBe(2);
    const reasons = await refused.textContent();
    expect(reasons).toContain('empty');
    // Refused for what it is, with the list of what this clinic does accept.
    expect(reasons).toContain('Windows program (.exe) files cannot be filed here. This clinic accepts PDF, JPEG, PNG, TIFF and plain text (.txt).');
    // The disguised name is shown without its direction-changing character.
    expect(reasons).toContain('invoicefdp.exe');
    await shoot(app, 'refused-files');

    // The server fails the first upload: the item says so, retries by itself, and is filed once.
    sandbox.faults.add({ method: 'POST', path: '/fhir/R4/Binary', kind: 'status-503', times: 1, retryAfterSeconds: 1 });
    const ready = app.getByRole('list', { name: 'Ready to file' });
    await ready.getByLabel('Document type').selectOption({ label: 'Referral note' });
    await app.getByRole('button', { name: /^File 1 document to / }).click();
    const item = app.getByRole('region', { name: 'Uploads' }).getByRole('listitem').filter({ hasText: 'Referral' });
    // An answer with an error is not "cannot reach"; the item says it retries by itself, and which attempt.
    await item.getByText('The EMR answered with an error (HTTP 503).').waitFor({ timeout: 15_000 });
    await item.getByText(/retrying by itself: attempt 2/).waitFor();
    await shoot(app, 'retrying');
    await item.getByText('Filed', { exact: true }).waitFor({ timeout: 30_000 });
    expect(sandbox.faults.injected).toBeGreaterThan(0);
    await shoot(app, 'filed-after-retry');
  });
});
