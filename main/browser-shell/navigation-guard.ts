import type { Page } from 'playwright-core';
import { isAppUrl } from './page-protocol.js';

/** `Fetch.requestPaused`, as far as this guard reads it. */
interface PausedRequest {
  requestId: string;
  request: { url: string };
}

/**
 * The browser shell's `will-navigate` (DESIGN.md "Windows"): every document the app window loads,
 * top-level or framed, must come from the app's own origin. A navigation anywhere else is failed
 * as `Aborted` before its request leaves the machine; Chromium commits no error page for an
 * aborted navigation, so the app stays as it was, as it does when Electron prevents one.
 *
 * Only document requests are paused (CDP `Fetch` with a resource-type pattern), so the renderer's
 * assets and the dropped files' POSTs go through untouched. Returns a function that lifts the guard.
 */
export async function keepOnAppOrigin(page: Page, appOrigin: string): Promise<() => Promise<void>> {
  const session = await page.context().newCDPSession(page);
  session.on('Fetch.requestPaused', (event: PausedRequest) => {
    const decision = isAppUrl(event.request.url, appOrigin)
      ? session.send('Fetch.continueRequest', { requestId: event.requestId })
      : session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'Aborted' });
    // The page may be closing, which ends the request and the session with it.
    decision.catch(() => undefined);
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
  return () => session.detach().catch(() => undefined);
}
