import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserShell, type BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { stepShooter } from '../support/artifacts.js';

let sandbox: Sandbox;
let shell: BrowserShell;
let dataDir: string;
const shoot = stepShooter('sign-in-known-user');

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 5 });
  // A SMART server unlike the sandbox's default (issue 10): it knows the user already, so the
  // authorize step redirects straight back; its id_token has no name; it cannot revoke tokens.
  sandbox.quirks.autoApprove = 'physician';
  sandbox.quirks.idTokenWithoutName = true;
  sandbox.quirks.withoutRevocation = true;
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-e2e-known-'));
  shell = await launchBrowserShell({ dataDir, profile: demoProfile(sandbox), demo: true, headless: true });
});

afterAll(async () => {
  await shell?.close();
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('sign-in in real Chromium against a server that redirects straight back', () => {
  it('finishes at once, names the user from their Practitioner record, and warns that sign-out ends it here only', { timeout: 60_000 }, async () => {
    const app = shell.appPage;
    await app.getByRole('button', { name: 'Sign in' }).waitFor();

    const tabOpened = shell.context.waitForEvent('page');
    const clicked = Date.now();
    await app.getByRole('button', { name: 'Sign in' }).click();
    const tab = await tabOpened;
    // The tab shows no login or consent page: only the loopback listener's result.
    await tab.getByText('You are signed in to ChartDrop').waitFor({ timeout: 10_000 });
    await shoot(tab, 'browser-says-signed-in');
    await app.getByText('Signed in as Dr. Amélie Tremblay').waitFor({ timeout: 10_000 });
    expect(Date.now() - clicked).toBeLessThan(10_000);
    await shoot(app, 'signed-in');
    await tab.close();

    await app.getByRole('button', { name: 'Sign out' }).click();
    const confirm = app.getByRole('group', { name: 'Sign out of Demo clinic (sandbox)?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('the clinic’s server keeps this sign-in until it expires');
    await shoot(app, 'sign-out-confirmation');
    await confirm.getByRole('button', { name: 'Sign out' }).click();
    await app.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(sandbox.requests.entries.filter((entry) => entry.path === '/oidc/token/revocation')).toEqual([]);
  });
});
