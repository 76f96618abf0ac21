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
 * The init script: config and bundle share one closure, so the token is a local of the preload
 * and never a property of `window` that the page could enumerate.
 */
export function buildInitScript(token: string, preloadBundle: string): string {
  const config = JSON.stringify({ ...PAGE_PROTOCOL, token });
  return `(() => {\nconst __chartdropShellConfig = ${config};\n${preloadBundle}\n})();`;
}
