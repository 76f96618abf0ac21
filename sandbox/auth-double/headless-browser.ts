import { completeSignInWithoutBrowser } from '../headless-sign-in.js';

export interface HeadlessBrowser {
  /** For `AuthSession`'s `openExternal`: walks the server's real pages, then "loads" the loopback redirect. */
  openExternal(url: string): Promise<void>;
  /** Every authorize URL it was asked to open. */
  readonly opened: ReadonlyArray<string>;
}

/**
 * Stands in for the system browser in tests. Like a browser tab, it follows the final redirect to
 * the app's loopback listener without waiting for the answer: the listener answers only after the
 * app has exchanged the code, which happens after `openExternal` returns.
 */
export function createHeadlessBrowser(user: { login: string; password: string; approve?: boolean }): HeadlessBrowser {
  const opened: string[] = [];
  return {
    opened,
    async openExternal(url) {
      opened.push(url);
      const callback = await completeSignInWithoutBrowser(url, user);
      void fetch(callback, { redirect: 'manual' })
        .then((response) => response.body?.cancel())
        .catch(() => undefined);
    },
  };
}
