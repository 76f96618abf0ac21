import type { SandboxUserInfo } from '../../sandbox/index.js';
import { demoProfile } from '../profiles/profile-store.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';

export interface DemoSandbox {
  profile: ClinicProfile;
  logins: ReadonlyArray<Pick<SandboxUserInfo, 'login' | 'password' | 'displayName'>>;
  close(): Promise<void>;
}

/**
 * The bundled sandbox EMR, for demo mode. The only module under main/ that loads the sandbox: its
 * EMR libraries (@medplum/*, oidc-provider, jose) are development dependencies, so only a
 * development start — `npm start`, the browser shell, a development Electron bundle — reaches here.
 */
export async function startDemoSandbox(): Promise<DemoSandbox> {
  const { startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox();
  return {
    profile: demoProfile(sandbox),
    logins: sandbox.users.map(({ login, password, displayName }) => ({ login, password, displayName })),
    close: () => sandbox.close(),
  };
}
