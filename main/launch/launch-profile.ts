import { startSandbox, type SandboxUserInfo } from '../../sandbox/index.js';
import { demoProfile, ProfileStore } from '../store/profile-store.js';
import type { ClinicProfile } from '../store/profiles.js';

export interface LaunchProfile {
  profile: ClinicProfile;
  demo: boolean;
  /** The sandbox's sign-ins in demo mode; empty for a configured clinic. */
  demoLogins: ReadonlyArray<Pick<SandboxUserInfo, 'login' | 'password' | 'displayName'>>;
  /** Stops the demo sandbox, if one was started. */
  close(): Promise<void>;
}

/**
 * The clinic to open: the active configured profile, or, when none is configured, demo mode
 * against the bundled sandbox (DESIGN.md "Sandbox").
 */
export async function resolveLaunchProfile(dataDir: string): Promise<LaunchProfile> {
  const configured = ProfileStore.open(dataDir).active();
  if (configured) return { profile: configured, demo: false, demoLogins: [], close: async () => undefined };
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
