import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserShell, type BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { stepShooter } from '../support/artifacts.js';
import { samplePdf } from '../support/documents.js';

let sandbox: Sandbox;
let shell: BrowserShell;
let dataDir: string;
const shoot = stepShooter('refused-files');
const consoleErrors: string[] = [];

// A 1×1 PNG and a 1×1 GIF, the smallest real files of each type.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const LONG_NAME = `${'Consultation note from the cardiology clinic '.repeat(6)}2026-11-20.pdf`;

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-e2e-'));
  shell = await launchBrowserShell({ dataDir, profile: demoProfile(sandbox), demo: true, headless: true });
  shell.appPage.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await shell?.close();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function signInAndChoosePatient(app: Page): Promise<void> {
  const tabOpened = shell.context.waitForEvent('page');
  await app.getByRole('button', { name: 'Sign in' }).click();
  const tab = await tabOpened;
  await tab.waitForLoadState();
  const physician = sandbox.users.find((u) => u.role === 'physician');
  if (!physician) throw new Error('no physician in the sandbox');
  await tab.getByLabel('Username').fill(physician.login);
  await tab.getByLabel('Password').fill(physician.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.getByRole('button', { name: 'Allow' }).click();
  await tab.getByText('You are signed in to ChartDrop').waitFor();
  await tab.close();
  const patient = sandbox.fhir.seed.apostropheNames[0];
  if (!patient) throw new Error('the sandbox seed has no apostrophe name');
  await app.getByRole('searchbox', { name: 'Search patients' }).fill(patient.family);
  await app.getByRole('listbox', { name: 'Patients' }).getByRole('option').filter({ hasText: patient.mrn }).click();
  await expect.poll(() => app.getByRole('region', { name: 'Active patient' }).textContent()).toContain(patient.mrn);
}

/**
 * Drops small files from the test together with a 300 MB one built in the page from one zeroed
 * megabyte, so the test process never holds it.
 */
async function dropWithHugeFile(app: Page, files: ReadonlyArray<{ name: string; mimeType: string; bytes: Buffer }>): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.bytes.toString('base64') }));
  const dataTransfer = await app.evaluateHandle(
    ({ items, hugeMb }) => {
      const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
      const transfer = new page.DataTransfer();
      const megabyte = new Uint8Array(1024 * 1024);
      transfer.items.add(new File(Array.from({ length: hugeMb }, () => megabyte), 'Full chart scan 1998-2026.pdf', { type: 'application/pdf' }));
      for (const item of items) transfer.items.add(new File([Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0))], item.name, { type: item.type }));
      return transfer;
    },
    { items: payload, hugeMb: 300 },
  );
  const zone = app.getByRole('region', { name: 'Drop files to file them in the chart' });
  for (const type of ['dragenter', 'dragover', 'drop']) await zone.dispatchEvent(type, { dataTransfer });
  await dataTransfer.dispose();
}

describe('one drop of good and bad files, in real Chromium under the app CSP', () => {
  it('keeps the good files, refuses each bad one at once with its own reason, and never shows CSP text', { timeout: 90_000 }, async () => {
    const app = shell.appPage;
    await app.getByText('Demo mode — synthetic patients, nothing here is real').waitFor();
    await signInAndChoosePatient(app);
    await app.evaluate(() => {
      const page = globalThis as unknown as { __cspViolations: string[]; addEventListener(type: string, listener: (event: { violatedDirective: string; sourceFile: string }) => void): void };
      page.__cspViolations = [];
      page.addEventListener('securitypolicyviolation', (event) => page.__cspViolations.push(`${event.violatedDirective} ${event.sourceFile}`));
    });

    const started = Date.now();
    await dropWithHugeFile(app, [
      { name: 'Wound photo 2026-11-19.png', mimeType: 'image/png', bytes: PNG },
      { name: LONG_NAME, mimeType: 'application/pdf', bytes: samplePdf(`long name ${Date.now()}`) },
      { name: 'Locked lab report.pdf', mimeType: 'application/pdf', bytes: readFileSync(join(import.meta.dirname, '../fixtures/pdf/user-password-aes128.pdf')) },
      { name: 'Phone message.txt', mimeType: 'text/plain', bytes: Buffer.from(`Patient called ${Date.now()} about her results.\n`) },
      { name: 'Rash.gif', mimeType: 'image/gif', bytes: GIF },
    ]);

    const refused = app.getByRole('list', { name: 'Not added' });
    const ready = app.getByRole('list', { name: 'Ready to file' });
    await expect.poll(() => refused.getByRole('listitem').count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => ready.getByRole('listitem').count()).toBe(3);
    // Refused from its size alone: no 300 MB went anywhere, so this is quick.
    expect(Date.now() - started).toBeLessThan(10_000);

    const huge = refused.getByRole('listitem').filter({ hasText: 'Full chart scan' });
    expect(await huge.textContent()).toContain('This file is 300 MB; this clinic accepts up to 200 MB.');
    await huge.scrollIntoViewIfNeeded();
    await shoot(app, 'oversize-refused');
    expect(await refused.getByRole('listitem').filter({ hasText: 'Locked lab report.pdf' }).textContent()).toContain('This PDF is password-protected');
    const gif = await refused.getByRole('listitem').filter({ hasText: 'Rash.gif' }).textContent();
    expect(gif).toContain('GIF files cannot be filed here. This clinic accepts PDF, JPEG, PNG, TIFF and plain text (.txt).');

    const titles = await ready.getByLabel('Title').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect(titles).toContain('Wound photo');
    expect(titles).toContain('Phone message');
    const longTitle = titles.find((title) => title.startsWith('Consultation note'));
    expect(longTitle?.length).toBeGreaterThan(190);
    // The date at the end of the long name survives main's shortening of it.
    const longRow = ready.getByRole('listitem').filter({ hasText: 'Consultation note' });
    expect(await longRow.getByLabel('Date').inputValue()).toBe('2026-11-20');

    const screen = (await app.locator('body').textContent()) ?? '';
    expect(screen).not.toMatch(/Content Security Policy|unsafe-eval|Evaluating a string/);
    expect(await app.evaluate(() => (globalThis as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|unsafe-eval/.test(text))).toEqual([]);

    await app.getByRole('button', { name: 'Remove all refused' }).click();
    await expect.poll(() => refused.count()).toBe(0);
    await shoot(app, 'refused-removed');
  });
});
