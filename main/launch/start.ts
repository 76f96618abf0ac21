import { mkdir } from 'node:fs/promises';
import { listenForStop } from './stop-request.js';

/** Closing Chromium, the core and the sandbox takes about a second; this is far past a hang. */
const STOP_BUDGET_MS = 20_000;

const log = (line: string) => console.log(line);

/**
 * Installed before anything else is even loaded (the app's modules take a second or two), so a
 * stop at any moment of start-up, Ctrl+C included, takes the clean path. A stop that overruns its budget still ends the process: Playwright's exit hook
 * kills Chromium and the shell's removes Chromium's folder.
 */
const stop = listenForStop(STOP_BUDGET_MS, () => {
  console.error('ChartDrop did not stop in time and was ended.');
  process.exit(1);
});

// A fault that escapes everything else still stops the app the clean way, by class only (PHI).
let faultExitCode = 0;
const onFault = (error: unknown) => {
  // After a stop, what was still loading fails as its helpers die with the process group (the
  // same reasoning as the start-up catch below): a consequence of the stop, not a fault.
  if (stop.signal.aborted) return;
  console.error(`ChartDrop hit an unexpected ${error instanceof Error ? error.name : typeof error} and is stopping.`);
  faultExitCode = 1;
  stop.request();
};
process.on('uncaughtException', onFault);
process.on('unhandledRejection', onFault);

/** Resolves when a stop is requested; never rejects. */
const stopRequested = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));

/**
 * `npm start`: Electron where its binary is installed, the browser shell otherwise
 * (DESIGN.md "Where Electron cannot run"), and it says which one it chose. A requested stop
 * ends with code 0 and "ChartDrop stopped." wherever start-up had got to.
 */
async function start(): Promise<number> {
  const { buildElectronBundles, ensureRendererBuilt } = await import('./builds.js');
  await ensureRendererBuilt(log);
  if (stop.signal.aborted) return 0;

  const { findElectronBinary } = await import('./electron-binary.js');
  const electronBinary = findElectronBinary();
  if (electronBinary) {
    log(`Starting Electron (${electronBinary}).`);
    await buildElectronBundles();
    const { runElectron } = await import('./run-electron.js');
    return runElectron(electronBinary);
  }

  log('Electron binary not found — starting the browser shell (Chromium via Playwright).');
  const [{ launchBrowserShell }, { browserPreloadBundle }, { ProfileStore }, { resolveDataDir }, { describeDemoLogins, resolveLaunchProfile }] = await Promise.all([
    import('../browser-shell/launch-browser-shell.js'),
    import('../browser-shell/preload-bundle.js'),
    import('../profiles/profile-store.js'),
    import('./data-dir.js'),
    import('./launch-profile.js'),
  ]);
  if (stop.signal.aborted) return 0;
  // Built while the sandbox starts: each takes seconds, and the shell awaits the same build.
  browserPreloadBundle().catch(() => undefined);
  const dataDir = resolveDataDir();
  await mkdir(dataDir, { recursive: true });
  const { startDemoSandbox } = await import('./demo-sandbox.js');
  const launch = await resolveLaunchProfile(ProfileStore.open(dataDir), startDemoSandbox);
  // Always given a demo starter, the browser shell opens a clinic or the sandbox, never nothing.
  if (!launch) throw new Error('No clinic profile and no demo sandbox to open.');
  try {
    if (stop.signal.aborted) return 0;
    if (launch.demo) log(describeDemoLogins(launch.demoLogins));
    const shell = await launchBrowserShell({
      dataDir,
      profile: launch.profile,
      ...(launch.profiles ? { profiles: launch.profiles } : {}),
      demo: launch.demo,
      signal: stop.signal,
    });
    try {
      log(`ChartDrop is running (${launch.profile.name}; data in ${dataDir}).`);
      if (!process.env.DISPLAY) log('No DISPLAY: Chromium runs headless. Run under xvfb-run or a desktop session to see the window.');
      log('Close the window or press Ctrl+C to quit.');
      await Promise.race([shell.closed, stopRequested]);
    } finally {
      await shell.close();
    }
    return 0;
  } finally {
    await launch.close();
  }
}

const stopped = (code: number) => {
  log('ChartDrop stopped.');
  process.exit(faultExitCode || code);
};

start().then(stopped, (error: unknown) => {
  // Ctrl+C reaches the whole process group, so the esbuild services that tsx and vite compile
  // with die with it and what start-up was loading fails: that failure is the stop, not a fault.
  if (stop.signal.aborted) return stopped(0);
  console.error(`ChartDrop could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
