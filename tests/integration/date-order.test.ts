import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core/app-core.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { dispatch } from '../../main/ipc/dispatch.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { ClinicProfileSchema, type ClinicProfile } from '../../main/profiles/clinic-profile.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dataDir = await mkdtemp(join(tmpdir(), 'date-order-'));
});
afterAll(async () => {
  await sandbox?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function infoFor(profile: ClinicProfile) {
  const core = await createAppCore({
    shell: 'electron',
    version: 'test',
    dataDir: join(dataDir, profile.dateOrder),
    cipher: createAesGcmCipher(randomBytes(32)),
    openExternal: async () => undefined,
    profile,
    demo: false,
  });
  try {
    return await dispatch(createHandlers(core), 'app:info', null);
  } finally {
    await core.dispose();
  }
}

describe("the clinic's day/month order reaches the window", () => {
  it('is day first unless the profile says otherwise', () => {
    const { dateOrder: _omitted, ...withoutOrder } = demoProfile(sandbox);
    expect(ClinicProfileSchema.parse(withoutOrder).dateOrder).toBe('dmy');
  });

  it('goes out with app:info for the active clinic', async () => {
    expect(await infoFor(demoProfile(sandbox))).toMatchObject({ ok: true, value: { profile: { dateOrder: 'dmy' } } });
    expect(await infoFor({ ...demoProfile(sandbox), dateOrder: 'mdy' })).toMatchObject({ ok: true, value: { profile: { dateOrder: 'mdy' } } });
  });
});
