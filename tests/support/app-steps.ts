import type { Page } from 'playwright-core';
import type { BrowserShell } from '../../main/browser-shell/launch-browser-shell.js';
import type { PatientFact, Sandbox } from '../../sandbox/index.js';

/** The steps every end-to-end test takes through the app as a user would, in one place. */

/** Completes the sandbox's real login and consent pages in the tab the app opened. */
export async function signInInBrowserTab(tab: Page, login: string, password: string): Promise<void> {
  await tab.getByLabel('Username').fill(login);
  await tab.getByLabel('Password').fill(password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.getByRole('button', { name: 'Allow' }).click();
  await tab.getByText('You are signed in to ChartDrop').waitFor();
}

/** Clicks "Sign in" in the app and signs in as the sandbox's physician in the browser tab it opens. */
export async function signInAsPhysician(shell: BrowserShell, sandbox: Sandbox): Promise<{ practitionerId: string }> {
  const physician = sandbox.users.find((u) => u.role === 'physician');
  if (!physician) throw new Error('no physician in the sandbox');
  const tabOpened = shell.context.waitForEvent('page');
  await shell.appPage.getByRole('button', { name: 'Sign in' }).click();
  const tab = await tabOpened;
  await tab.waitForLoadState();
  await signInInBrowserTab(tab, physician.login, physician.password);
  await tab.close();
  await shell.appPage.getByRole('searchbox', { name: 'Search patients' }).waitFor();
  return { practitionerId: physician.practitionerId };
}

/** Searches by name and picks the patient with this chart number; waits for the banner to show them. */
export async function choosePatient(app: Page, patient: PatientFact): Promise<void> {
  const change = app.getByRole('button', { name: 'Change patient' });
  if (await change.isVisible()) await change.click();
  await app.getByRole('searchbox', { name: 'Search patients' }).fill(`${patient.family}, ${patient.given}`);
  await app.getByRole('listbox', { name: 'Patients' }).getByRole('option').filter({ hasText: patient.mrn }).click();
  const banner = app.getByRole('region', { name: 'Active patient' });
  await banner.filter({ hasText: patient.mrn }).waitFor();
}

export function dropZone(app: Page) {
  return app.getByRole('region', { name: 'Drop files to file them in the chart' });
}
