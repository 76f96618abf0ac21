import type { ClinicProfile } from '../profiles/clinic-profile.js';
import type { ProfileStore } from '../profiles/profile-store.js';
import type { DemoSandbox } from './demo-sandbox.js';

export interface LaunchProfile {
  profile: ClinicProfile;
  demo: boolean;
  /** Every configured clinic, for switching; absent in demo mode. */
  profiles?: ProfileStore;
  /** The sandbox's sign-ins in demo mode; empty for a configured clinic. */
  demoLogins: DemoSandbox['logins'];
  /** Stops the demo sandbox, if one was started. */
  close(): Promise<void>;
}

/**
 * The clinic to open: the active configured profile, or, when none is configured, demo mode
 * against the bundled sandbox (DESIGN.md "Sandbox") where this build has one (`startDemo`). A
 * packaged app has none and gets `null`: its shell shows how to configure a clinic instead.
 * Each shell opens the store its own way (conf in plain Node, electron-store in Electron).
 */
export async function resolveLaunchProfile(profiles: ProfileStore, startDemo?: () => Promise<DemoSandbox>): Promise<LaunchProfile | null> {
  const configured = profiles.active();
  if (configured) return { profile: configured, demo: false, profiles, demoLogins: [], close: async () => undefined };
  if (!startDemo) return null;
  const sandbox = await startDemo();
  return { profile: sandbox.profile, demo: true, demoLogins: sandbox.logins, close: () => sandbox.close() };
}

export function describeDemoLogins(logins: LaunchProfile['demoLogins']): string {
  const lines = logins.map(({ login, password, displayName }) => `  ${login} / ${password}  (${displayName})`);
  return ['No clinic is configured: demo mode against the bundled sandbox EMR. Sign in with:', ...lines].join('\n');
}
