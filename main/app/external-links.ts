/**
 * The only URLs the app window may hand to the system browser (DESIGN.md "Windows"): https pages
 * of the configured EMR, e.g. "open in EMR". Anything else a page asks to open is dropped.
 */
export function isOpenableExternally(url: string, emrBaseUrl: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === 'https:' && target.origin === new URL(emrBaseUrl).origin;
  } catch {
    return false;
  }
}
