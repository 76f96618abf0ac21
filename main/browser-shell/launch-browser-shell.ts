import { createAppCore } from '../core/app-core.js';
import { startBrowserShell, type BrowserShell, type BrowserShellOptions } from './browser-shell.js';

export type { BrowserShell, BrowserShellOptions } from './browser-shell.js';

/** Starts the browser shell on the real core; `npm start` and the end-to-end tests call this. */
export function launchBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  return startBrowserShell(createAppCore, options);
}
