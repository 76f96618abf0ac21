import { mkdir } from 'node:fs/promises';
import { launchBrowserShell } from '../browser-shell/launch-browser-shell.js';
import { ProfileStore } from '../store/profile-store.js';
import { buildElectronBundles, ensureRendererBuilt } from './builds.js';
import { resolveDataDir } from './data-dir.js';
import { findElectronBinary } from './electron-binary.js';
import { describeDemoLogins, resolveLaunchProfile } from './launch-profile.js';
import { runElectron } from './run-electron.js';

/**
 * `npm start`: Electron where its binary is installed, the browser shell otherwise
 * (DESIGN.md "Where Electron cannot run"), and it says which one it chose.
 */
async function start(): Promise<number> {
  const log = (line: string) => console.log(line);
  // Installed first, so Ctrl+C during start-up also waits for a clean shutdown.
  let quitRequested = false;
  let quit = () => {
    quitRequested = true;
  };
  process.once('SIGINT', () => quit());
  process.once('SIGTERM', () => quit());
  await ensureRendererBuilt(log);

  const electronBinary = findElectronBinary();
  if (electronBinary) {
    log(`Starting Electron (${electronBinary}).`);
    await buildElectronBundles();
    return runElectron(electronBinary);
  }

  log('Electron binary not found — starting the browser shell (Chromium via Playwright).');
  const dataDir = resolveDataDir();
  await mkdir(dataDir, { recursive: true });
  const launch = await resolveLaunchProfile(ProfileStore.open(dataDir));
  if (launch.demo) log(describeDemoLogins(launch.demoLogins));

  const shell = await launchBrowserShell({ dataDir, profile: launch.profile, ...(launch.profiles ? { profiles: launch.profiles } : {}), demo: launch.demo }).catch(async (error: unknown) => {
    await launch.close();
    throw error;
  });
  log(`ChartDrop is running (${launch.profile.name}; data in ${dataDir}).`);
  if (!process.env.DISPLAY) log('No DISPLAY: Chromium runs headless. Run under xvfb-run or a desktop session to see the window.');
  log('Close the window or press Ctrl+C to quit.');

  quit = () => void shell.close();
  if (quitRequested) quit();
  await shell.closed;
  await launch.close();
  log('ChartDrop stopped.');
  return 0;
}

start().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ChartDrop could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
