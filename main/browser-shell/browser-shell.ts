import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import packageJson from '../../package.json' with { type: 'json' };
import type { AppCore, AppCoreOptions } from '../core/app-core-types.js';
import { createIpcHost } from '../ipc/ipc-host.js';
import { isWebUrl } from '../launch/web-url.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import { createAesGcmCipher, type SecretCipher } from '../store/cipher.js';
import { DEFAULT_CHROMIUM_PATH, launchAppWindow } from './chromium.js';
import { startHttpHost, type HttpHost } from './http-host.js';
import { keepOnAppOrigin } from './navigation-guard.js';
import { connectAppPage } from './page-bridge.js';
import { browserPreloadBundle } from './preload-bundle.js';
import { createShellFolder } from './shell-folder.js';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface BrowserShellOptions {
  dataDir: string;
  profile: ClinicProfile;
  profiles?: AppCoreOptions['profiles'];
  demo: boolean;
  /** Default: headed when `DISPLAY` is set, headless otherwise. */
  headless?: boolean;
  chromiumPath?: string;
  /** The built renderer; default `out/renderer`. */
  rendererDir?: string;
  /** A stop asked for during start-up: what has started is undone and the start rejects. */
  signal?: AbortSignal;
}

export interface BrowserShell {
  context: BrowserContext;
  appPage: Page;
  appUrl: string;
  core: AppCore;
  /** Settles once the shell has shut down, whether by `close()` or by the user closing the window. */
  closed: Promise<void>;
  close(): Promise<void>;
}

export type CreateAppCore = (options: AppCoreOptions) => Promise<AppCore>;

/**
 * This shell has no safeStorage, so by default nothing secret is persisted and drafts end with
 * the run. Whoever starts it (a test that restarts the app mid-draft, a kiosk script) may hand in
 * a 32-byte key as 64 hex characters in `CHARTDROP_DATA_KEY`; ChartDrop never writes that key
 * anywhere. A key that is set but malformed stops the start: quietly running without encryption
 * would lose the drafts its owner meant to keep.
 */
export function browserShellCipher(env: Readonly<Record<string, string | undefined>>): SecretCipher | null {
  const key = env.CHARTDROP_DATA_KEY;
  if (key === undefined || key === '') return null;
  if (!/^[0-9a-fA-F]{64}$/.test(key)) throw new Error('CHARTDROP_DATA_KEY must be 64 hexadecimal characters (a 32-byte key).');
  return createAesGcmCipher(Buffer.from(key, 'hex'));
}

/**
 * The development and test shell (DESIGN.md "Where Electron cannot run"): the same core and IPC
 * handlers as Electron, the built renderer in a Chromium app window, `window.chartdrop` from the
 * real preload over a Playwright binding. The core is a parameter so the wiring stays testable.
 */
export async function startBrowserShell(createCore: CreateAppCore, options: BrowserShellOptions): Promise<BrowserShell> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  const cipher = browserShellCipher(process.env);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${join(rendererDir, 'index.html')} is missing). Run "npm run build:renderer" first.`);
  }
  const preloadBundle = browserPreloadBundle();
  // Awaited below; until then a failed build must not surface as an unhandled rejection.
  preloadBundle.catch(() => undefined);
  const folder = await createShellFolder();
  const cleanups: (() => Promise<unknown>)[] = [() => folder.remove()];
  const runCleanups = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  // Each step takes seconds (Chromium, the core, the preload build): a stop need not wait for all.
  const stillWanted = () => options.signal?.throwIfAborted();

  try {
    stillWanted();
    const { context, appPage } = await launchAppWindow({
      chromiumPath: options.chromiumPath ?? DEFAULT_CHROMIUM_PATH,
      headless: options.headless ?? !process.env.DISPLAY,
      userDataDir: folder.userDataDir,
    });
    folder.removeLastOnExit();
    cleanups.push(() => context.close());
    stillWanted();

    const core = await createCore({
      shell: 'browser',
      version: packageJson.version,
      dataDir: options.dataDir,
      cipher,
      // This shell's "system browser" is a tab in its own Chromium; tests complete sign-in there.
      openExternal: async (url) => {
        if (!isWebUrl(url)) throw new Error('Refusing to open a page that is not http(s).');
        const tab = await context.newPage();
        // Handed over and left to load, as a system browser is: an authorize URL that redirects
        // straight back cannot commit until the sign-in has used the callback, so waiting here
        // would hold sign-in up. A page that fails to load says so in its own tab.
        void tab.goto(url).catch(() => undefined);
      },
      profile: options.profile,
      ...(options.profiles ? { profiles: options.profiles } : {}),
      demo: options.demo,
    });
    cleanups.push(() => core.dispose());
    stillWanted();

    const host: HttpHost = await startHttpHost({ rendererDir, receiveTransfer: (body, name) => core.receiveTransfer(body, name) });
    cleanups.push(() => host.close());

    stillWanted();
    const ipc = createIpcHost(core);
    cleanups.push(async () => ipc.close());
    const stopEvents = await connectAppPage(appPage, {
      appOrigin: host.origin,
      token: host.token,
      preloadBundle: await preloadBundle,
      handlers: ipc.handlers,
      events: ipc.events,
    });
    cleanups.push(async () => stopEvents());
    cleanups.push(await keepOnAppOrigin(appPage, host.origin));

    const appUrl = `${host.origin}/`;
    stillWanted();
    await appPage.goto(appUrl);

    let markClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= runCleanups().then(markClosed);
      return closing;
    };
    // Closing the app window ends the app, as quitting from the tray would in Electron.
    appPage.once('close', () => void close());
    context.once('close', () => void close());

    return { context, appPage, appUrl, core, closed, close };
  } catch (error) {
    await runCleanups();
    throw error;
  }
}
