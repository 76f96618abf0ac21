import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../ipc/event-bus.js';
import type { Handlers } from '../ipc/dispatch.js';
import { DEFAULT_CHROMIUM_PATH, launchAppWindow } from './chromium.js';
import { keepOnAppOrigin } from './navigation-guard.js';
import { connectAppPage } from './page-bridge.js';
import { browserPreloadBundle } from './preload-bundle.js';
import { PAGE_PROTOCOL } from './page-protocol.js';

/**
 * Issue 8, item 11: the real preload and the transfer token reach only documents of the app's own
 * origin, and the binding answers nobody else, whatever the window was navigated to. Two local
 * servers on different ports are two origins, as a clinic's EMR and the app are.
 */

interface Site {
  server: Server;
  origin: string;
  requests: string[];
  /** Requests that carried the transfer token header, whatever its value. */
  tokenHeaders: string[];
}

const TOKEN = 'transfer-token-for-this-test-only-0123456789';
const info = { version: '0.0.0', shell: 'browser', demo: true, profile: { id: 'demo', name: 'Demo clinic', kind: 'fhir' } } as const;

async function startSite(pages: (req: IncomingMessage, origin: string) => string, redirects: Record<string, () => string> = {}): Promise<Site> {
  const requests: string[] = [];
  const tokenHeaders: string[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const token = req.headers[PAGE_PROTOCOL.tokenHeader];
    if (typeof token === 'string') tokenHeaders.push(token);
    const redirect = redirects[req.url ?? ''];
    if (redirect) {
      res.writeHead(302, { Location: redirect() }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(pages(req, origin));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, requests, tokenHeaders };
}

let workDir: string;
let context: BrowserContext;
let app: Site;
let foreign: Site;
let page: Page;
/** Calls that reached the handlers: the contract's output schema is not what these tests are about. */
let handled = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'chartdrop-app-origin-'));
  foreign = await startSite(() => '<!doctype html><title>Elsewhere</title><p>another site</p>');
  // The test's app page may frame the other site: the real renderer's CSP would forbid it, and
  // this proves the init script's own check rather than the CSP's.
  app = await startSite((req) => {
    if (req.url === '/framed.html') return `<!doctype html><title>App</title><iframe src="${foreign.origin}/inner.html"></iframe>`;
    if (req.url === '/link.html') return `<!doctype html><title>App</title><a href="${foreign.origin}/clicked.html">EMR</a>`;
    return '<!doctype html><title>App</title><p>app</p>';
  }, { '/bounce': () => `${foreign.origin}/bounced.html` });
  ({ context } = await launchAppWindow({ chromiumPath: DEFAULT_CHROMIUM_PATH, headless: true, userDataDir: join(workDir, 'profile') }));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await Promise.all([app, foreign].map((site) => site && new Promise<void>((resolve) => site.server.close(() => resolve()))));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await page?.close();
  page = await context.newPage();
  await connectAppPage(page, {
    appOrigin: app.origin,
    token: TOKEN,
    preloadBundle: await browserPreloadBundle(),
    handlers: {
      'app:info': async () => {
        handled += 1;
        return info;
      },
    } as unknown as Handlers,
    events: new EventBus(),
  });
}, 60_000);

/** What a document can see of ChartDrop: the API, the shim's globals, and the token anywhere in reach. */
function exposure(target: Page | ReturnType<Page['frames']>[number]) {
  return target.evaluate(async ([binding, token]) => {
    const invoke: unknown = Reflect.get(globalThis, binding);
    const reply = typeof invoke === 'function' ? await (invoke as (channel: string, input: unknown) => Promise<unknown>)('app:info', null) : 'no binding';
    const names = Object.getOwnPropertyNames(globalThis).filter((name) => name.startsWith('__chartdrop') || name === 'chartdrop');
    const text = names.map((name) => String(Reflect.get(globalThis, name))).join(' ');
    return { chartdrop: typeof Reflect.get(globalThis, 'chartdrop'), names: names.sort(), reply, tokenInReach: text.includes(token) };
  }, [PAGE_PROTOCOL.invokeBinding, TOKEN] as const);
}

const REFUSED = { ok: false, error: { kind: 'forbidden', message: 'This page may not use ChartDrop.' } };

describe('the app origin is the only one that gets ChartDrop', () => {
  it('gives the app’s own page window.chartdrop and lets its binding reach the handlers', async () => {
    await page.goto(`${app.origin}/`);
    const before = handled;
    const seen = await exposure(page);

    expect(seen.chartdrop).toBe('object');
    expect(seen.reply).not.toEqual(REFUSED);
    expect(handled).toBe(before + 1);
  });

  it('injects neither the preload nor the token into a page of another origin the window is sent to, and the binding refuses it', async () => {
    await page.goto(`${app.origin}/`);
    await page.goto(`${foreign.origin}/elsewhere.html`);

    expect(await exposure(page)).toEqual({ chartdrop: 'undefined', names: [PAGE_PROTOCOL.invokeBinding], reply: REFUSED, tokenInReach: false });
  });

  it('never lets a page of another origin make the preload send it the token', async () => {
    await page.goto(`${foreign.origin}/elsewhere.html`);
    // With the preload injected, a dropped file is POSTed, token and all, to the page's own origin.
    await page.evaluate(async () => {
      const api = Reflect.get(globalThis, 'chartdrop') as { registerFiles?(files: unknown[]): Promise<unknown> } | undefined;
      await api?.registerFiles?.([new File(['%PDF-1.7'], 'scan.pdf', { type: 'application/pdf' })]).catch(() => undefined);
    });

    expect(foreign.tokenHeaders).toEqual([]);
  });

  it('injects nothing into a frame of another origin inside the app page, and the binding refuses it', async () => {
    await page.goto(`${app.origin}/framed.html`);
    const frame = page.frames().find((f) => f.url().startsWith(foreign.origin));
    if (!frame) throw new Error('the other site’s frame did not load');

    expect(await exposure(frame)).toEqual({ chartdrop: 'undefined', names: [PAGE_PROTOCOL.invokeBinding], reply: REFUSED, tokenInReach: false });
  });

  it('injects nothing into an about:blank document, which inherits the app’s origin but is not the app', async () => {
    await page.goto(`${app.origin}/`);
    const blank = await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.append(frame);
      return typeof Reflect.get(frame.contentWindow ?? {}, 'chartdrop');
    });

    expect(blank).toBe('undefined');
  });
});

describe('the app window stays on the app origin', () => {
  beforeEach(async () => {
    await keepOnAppOrigin(page, app.origin);
    await page.goto(`${app.origin}/link.html`);
    foreign.requests.length = 0;
  });

  /** Runs `navigate` in the page and waits for the navigation it starts to be refused. */
  async function refused(navigate: (target: Page) => Promise<unknown>): Promise<void> {
    const failed = page.waitForEvent('requestfailed', { predicate: (request) => request.isNavigationRequest(), timeout: 10_000 });
    await navigate(page);
    await failed;
  }

  it.each<[string, (target: Page) => Promise<unknown>]>([
    ['a script setting location', (target) => target.evaluate((url) => Reflect.set(Reflect.get(globalThis, 'location') as object, 'href', url), `${foreign.origin}/scripted.html`)],
    ['a link the user clicks', (target) => target.getByRole('link', { name: 'EMR' }).click()],
    ['a redirect from the app origin', (target) => target.evaluate((url) => Reflect.set(Reflect.get(globalThis, 'location') as object, 'href', url), `${app.origin}/bounce`)],
  ])('refuses %s to another origin before any request reaches it, and keeps the app page as it was', async (_how, navigate) => {
    await refused(navigate);

    expect(page.url()).toBe(`${app.origin}/link.html`);
    expect(foreign.requests).toEqual([]);
    expect((await exposure(page)).chartdrop).toBe('object');
  });

  it('refuses the host itself sending the window elsewhere', async () => {
    await expect(page.goto(`${foreign.origin}/goto.html`)).rejects.toThrow(/ERR_ABORTED/);

    expect(page.url()).toBe(`${app.origin}/link.html`);
    expect(foreign.requests).toEqual([]);
  });

  it('still lets the app move between its own pages', async () => {
    await page.evaluate((url) => Reflect.set(Reflect.get(globalThis, 'location') as object, 'href', url), `${app.origin}/other.html`);
    await page.waitForURL(`${app.origin}/other.html`);

    expect((await exposure(page)).chartdrop).toBe('object');
  });
});

declare const document: { createElement(tag: 'iframe'): { contentWindow: object | null }; body: { append(node: unknown): void } };
