import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore } from '../../main/core/app-core.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import type { AppCore } from '../../main/core/app-core-types.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import type { Sandbox } from '../../sandbox/index.js';
import { FakeBrowser } from '../integration/auth-harness.js';

/**
 * The app's core as the Electron shell builds it, over a data folder of its own, signed in to the
 * sandbox as the physician through its real sign-in pages; `invoke` goes through the IPC dispatch,
 * schemas and all, as a renderer's request would.
 */
export async function startSignedInCore(sandbox: Sandbox, name: string): Promise<{ core: AppCore; dataDir: string; invoke(channel: string, input: unknown): ReturnType<typeof dispatch> }> {
  const dataDir = await mkdtemp(join(tmpdir(), `${name}-`));
  const browser = new FakeBrowser(sandbox, { login: 'physician' });
  const core = await createAppCore({
    shell: 'electron',
    version: 'test',
    dataDir,
    cipher: createAesGcmCipher(randomBytes(32)),
    openExternal: (url) => browser.openExternal(url),
    profile: demoProfile(sandbox),
    demo: true,
  });
  const status = await createHandlers(core)['auth:signIn'](null);
  if (status.state !== 'signed-in') throw new Error(`the test sign-in ended ${status.state}`);
  return { core, dataDir, invoke: (channel, input) => dispatch(createHandlers(core), channel, input) };
}
