import type { SandboxUserInfo } from '../../sandbox/index.js';
import { demoProfile, type ProfileStore } from '../profiles/profile-store.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';

export interface LaunchProfile {
  profile: ClinicProfile;
  demo: boolean;
  /** Every configured clinic, for switching; absent in demo mode. */
  profiles?: ProfileStore;
  /** The sandbox's sign-ins in demo mode; empty for a configured clinic. */
  demoLogins: ReadonlyArray<Pick<SandboxUserInfo, 'login' | 'password' | 'displayName'>>;
  /** Stops the demo sandbox, if one was started. */
  close(): Promise<void>;
}

/**
 * The clinic to open: the active configured profile, or, when none is configured, demo mode
 * against the bundled sandbox (DESIGN.md "Sandbox"). Each shell opens the store its own way
 * (conf in plain Node, electron-store in Electron).
 */
export async function resolveLaunchProfile(profiles: ProfileStore): Promise<LaunchProfile> {
  const configured = profiles.active();
  if (configured) return { profile: configured, demo: false, profiles, demoLogins: [], close: async () => undefined };
  // Loaded only in demo mode: the sandbox's EMR libraries are development dependencies, which a
  // packaged app for a configured clinic does not ship.
  const { startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox();
  return {
    profile: demoProfile(sandbox),
    demo: true,
    demoLogins: sandbox.users.map(({ login, password, displayName }) => ({ login, password, displayName })),
    close: () => sandbox.close(),
  };
}

export function describeDemoLogins(logins: LaunchProfile['demoLogins']): string {
  const lines = logins.map(({ login, password, displayName }) => `  ${login} / ${password}  (${displayName})`);
  return ['No clinic is configured: demo mode against the bundled sandbox EMR. Sign in with:', ...lines].join('\n');
}
