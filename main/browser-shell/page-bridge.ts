import type { Frame, Page } from 'playwright-core';
import { dispatch, type Handlers } from '../ipc/dispatch.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { IpcResult } from '../ipc/contract.js';
import { buildInitScript, isAppUrl, PAGE_PROTOCOL } from './page-protocol.js';

export interface PageBridgeOptions {
  appOrigin: string;
  token: string;
  preloadBundle: string;
  handlers: Handlers;
  events: EventBus;
}

/** What Playwright tells a binding about its caller (`BindingSource`, not exported by the package root). */
type BindingCaller = { page: Page; frame: Frame };

const REFUSED: IpcResult<never> = { ok: false, error: { kind: 'forbidden', message: 'This page may not use ChartDrop.' } };

/**
 * Connects the app page to the core the way Electron's preload + ipcMain would: the real preload
 * (bundled with the shim) is injected before any page script runs, requests arrive through one
 * binding, and core events are delivered into the page. Call before the page first navigates.
 */
export async function connectAppPage(page: Page, options: PageBridgeOptions): Promise<() => void> {
  // Same check as Electron's validateSender: only our own top-level document on our own origin
  // may reach the handlers, never an iframe or a page the window was navigated to.
  const isAppFrame = (source: BindingCaller) =>
    source.page === page && source.frame === page.mainFrame() && isAppUrl(source.frame.url(), options.appOrigin);

  await page.exposeBinding(PAGE_PROTOCOL.invokeBinding, async (source: BindingCaller, channel: unknown, input: unknown) =>
    isAppFrame(source) ? dispatch(options.handlers, channel, input) : REFUSED,
  );
  await page.addInitScript({ content: buildInitScript(options.appOrigin, options.token, options.preloadBundle) });

  return options.events.subscribe((name, payload) => {
    if (!isAppUrl(page.url(), options.appOrigin)) return;
    page
      .evaluate(
        ([hook, eventName, eventPayload]) => {
          const deliver: unknown = Reflect.get(globalThis, hook);
          if (typeof deliver === 'function') deliver(eventName, eventPayload);
        },
        [PAGE_PROTOCOL.deliverHook, name, payload] as const,
      )
      // The page may be reloading or closing; it reads fresh state when it loads again.
      .catch(() => undefined);
  });
}
