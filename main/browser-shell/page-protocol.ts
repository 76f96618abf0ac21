/**
 * The names the browser shell's host and the preload shim (`preload/browser-shim.ts`) agree on.
 * The shim receives them in its init script, so they are defined here only.
 */
export const PAGE_PROTOCOL = {
  /** Playwright binding that carries every `ipcRenderer.invoke` to `dispatch`. */
  invokeBinding: '__chartdropInvoke',
  /** Page function the host calls with `page.evaluate` to deliver a main → renderer event. */
  deliverHook: '__chartdropDeliver',
  /** Same-origin endpoint that receives a dropped file's bytes. */
  transferPath: '/__transfer',
  /** Header carrying the per-launch token on transfers. */
  tokenHeader: 'x-chartdrop-token',
} as const;

/**
 * Whether a document's URL is one of the app's own pages: on its origin over its own scheme. A
 * `blob:` or `about:blank` document can share the origin but is not the app.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  return url.startsWith(`${appOrigin}/`);
}

/**
 * The init script. Playwright runs it in every document and frame the window ever shows, so it
 * first checks that this is the app's own top-level page (issue 8: the preload and its token
 * reached any site the window was sent to); it reads `location.href` before any page script has
 * run, so nothing can have replaced it. Config and bundle share one closure: the token is a local
 * of the preload, never a property of `window` that the page could enumerate.
 */
export function buildInitScript(appOrigin: string, token: string, preloadBundle: string): string {
  const config = JSON.stringify({ ...PAGE_PROTOCOL, token });
  const appPrefix = JSON.stringify(`${appOrigin}/`);
  return `(() => {\nif (globalThis.top !== globalThis || !globalThis.location.href.startsWith(${appPrefix})) return;\nconst __chartdropShellConfig = ${config};\n${preloadBundle}\n})();`;
}
