import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags measured in shared/notes/platform.md: no background traffic, no first-run UI; `--app`
 * opens a bare 420x640 app window (Playwright's `--no-startup-window` would otherwise leave none),
 * `--test-type` removes the unsupported-flag infobar that takes 56 px.
 */
const APP_WINDOW_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--app=data:text/html,',
  '--window-size=420,640',
  '--test-type',
];

export interface AppWindow {
  context: BrowserContext;
  /** The `--app` window, still blank: bindings and init scripts go in before it navigates. */
  appPage: Page;
}

export async function launchAppWindow(options: { chromiumPath: string; headless: boolean; userDataDir: string }): Promise<AppWindow> {
  const context = await chromium.launchPersistentContext(options.userDataDir, {
    executablePath: options.chromiumPath,
    headless: options.headless,
    viewport: null,
    args: APP_WINDOW_ARGS,
    // The shell owns shutdown (core, server, temp profile); Playwright must not end Chromium first.
    handleSIGINT: false,
    handleSIGTERM: false,
  });
  const appPage = context.pages()[0] ?? (await context.newPage());
  return { context, appPage };
}
