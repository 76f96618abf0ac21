import { join } from 'node:path';
import { app, session, shell, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import type Conf from 'conf';
import { createAppCore } from '../core/app-core.js';
import { APP_NAME } from '../launch/data-dir.js';
import { describeDemoLogins, resolveLaunchProfile } from '../launch/launch-profile.js';
import { isWebUrl } from '../launch/web-url.js';
import { ProfileStore } from '../profiles/profile-store.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { createIpcHost } from '../ipc/ipc-host.js';
import { connectIpc } from './ipc-bridge.js';
import { createMainWindow, denyAllPermissions } from './main-window.js';
import { createSafeStorageCipher } from './safe-storage-cipher.js';
import { showSetupWindow } from './setup-window.js';
import { createTray } from './tray.js';

type ProfileData = ConstructorParameters<typeof ProfileStore>[0] extends Conf<infer T> ? T : never;

/** Packaged layout (electron-builder `files: out/**`), the same in development from the checkout. */
const appFile = (...parts: string[]) => join(app.getAppPath(), 'out', ...parts);

async function startApp(): Promise<void> {
  let quitting = false;
  let window: BrowserWindow | null = null;
  const showWindow = () => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  // One instance per user: a second launch only brings the first one's window forward.
  app.on('second-instance', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  // The window hides on close and the app lives on in the tray until the user quits.
  app.on('window-all-closed', () => undefined);

  await app.whenReady();
  const dataDir = process.env.CHARTDROP_DATA_DIR ?? app.getPath('userData');
  const profiles = new ProfileStore(new ElectronStore<ProfileData>({ cwd: dataDir, name: 'profiles', defaults: { profiles: [] } }));
  // Dead code in the production bundle: rollup drops the branch and, with it, the sandbox chunk.
  const startDemo = __CHARTDROP_DEMO__ ? async () => (await import('../launch/demo-sandbox.js')).startDemoSandbox() : undefined;
  const launch = await resolveLaunchProfile(profiles, startDemo);
  if (!launch) {
    showSetupWindow({ dataDir, version: app.getVersion() });
    app.on('window-all-closed', () => app.quit());
    return;
  }
  if (launch.demo) console.log(describeDemoLogins(launch.demoLogins));

  denyAllPermissions(session.defaultSession);
  handleAppProtocol(appFile('renderer'));
  const core = await createAppCore({
    shell: 'electron',
    version: app.getVersion(),
    dataDir,
    cipher: createSafeStorageCipher(),
    openExternal: async (url) => {
      if (!isWebUrl(url)) throw new Error('Refusing to open a page that is not http(s).');
      await shell.openExternal(url);
    },
    profile: launch.profile,
    ...(launch.profiles ? { profiles: launch.profiles } : {}),
    demo: launch.demo,
  });
  const ipc = createIpcHost(core);
  const stopIpc = connectIpc(ipc, () => window);
  window = createMainWindow({ preloadPath: appFile('preload', 'preload.cjs'), emrBaseUrl: () => core.activeEmrBaseUrl(), isQuitting: () => quitting });
  const stopTray = await createTray(core, {
    iconPath: appFile('main', 'tray-icon.png'),
    clinicName: launch.profile.name,
    actions: { open: showWindow, quit: () => app.quit() },
  });

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Let the outbox finish writing its entry files before the process ends.
    event.preventDefault();
    stopped = true;
    stopTray();
    stopIpc();
    ipc.close();
    void core
      .dispose()
      .then(() => launch.close())
      .finally(() => app.quit());
  });
}

app.setName(APP_NAME);
registerAppScheme();
if (app.requestSingleInstanceLock()) {
  startApp().catch((error: unknown) => {
    console.error('ChartDrop could not start:', error);
    app.exit(1);
  });
} else {
  app.quit();
}
