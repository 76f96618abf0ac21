import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore, AppCoreOptions } from '../core/app-core-types.js';
import type { ChartDropApi } from '../ipc/contract.js';
import { CoreEventHub, type CoreListener } from '../core/core-events.js';
import type { ClinicProfile } from '../profiles/clinic-profile.js';
import { createAesGcmCipher } from '../store/cipher.js';
import { browserShellCipher, startBrowserShell, type BrowserShell } from './browser-shell.js';

/** The page's globals as these tests use them (this project's Node tsconfig has no DOM types). */
type PageGlobals = { chartdrop: ChartDropApi; document: { body: { append(node: unknown): void }; createElement(tag: 'iframe'): { src: string; srcdoc: string; onload: () => void; contentWindow: PageGlobals } } };

const profile = { id: 'demo', name: 'Demo clinic', kind: 'fhir', baseUrl: 'http://127.0.0.1:9/fhir', clientId: 'c' } as ClinicProfile;
const info = { version: '0.0.0', shell: 'browser', demo: true, profile: { id: 'demo', name: 'Demo clinic', kind: 'fhir', dateOrder: 'dmy' }, dismissedNotices: [] } as const;

let workDir: string;
let shell: BrowserShell;
/** Another origin on this machine, standing in for any site the app window could be sent to. */
let elsewhere: { server: Server; origin: string; requests: string[] };
let coreOptions: AppCoreOptions;
const events = new CoreEventHub();
const transfers: { name: string; size: number }[] = [];

/** Just enough core for the wiring: what two channels ask of it, real events, a transfer sink that counts. */
const fakeCore = {
  info: () => info,
  files: {
    register: async (name: string) => ({
      fileId: `f${transfers.length}`,
      name,
      size: transfers.at(-1)?.size ?? 0,
      mime: null,
    }),
  } as unknown as AppCore['files'],
  subscribe: (listener: CoreListener) => events.subscribe(listener),
  async receiveTransfer(body: Readable, name: string) {
    let size = 0;
    for await (const chunk of body) size += (chunk as Buffer).length;
    transfers.push({ name, size });
    return `upload-${transfers.length}`;
  },
  activeEmrBaseUrl: () => 'https://emr.example.org/fhir',
  dispose: async () => undefined,
};

beforeAll(async () => {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end('<!doctype html><title>Elsewhere</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere = { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
  workDir = await mkdtemp(join(tmpdir(), 'chartdrop-shell-'));
  await mkdir(join(workDir, 'renderer'));
  await writeFile(join(workDir, 'renderer', 'index.html'), '<!doctype html><title>ChartDrop</title><p>renderer</p>');
  shell = await startBrowserShell(async (options) => {
    coreOptions = options;
    return fakeCore as unknown as AppCore;
  }, { dataDir: workDir, profile, demo: true, headless: true, rendererDir: join(workDir, 'renderer') });
}, 60_000);

afterAll(async () => {
  await shell?.close();
  await new Promise<void>((resolve) => (elsewhere ? elsewhere.server.close(() => resolve()) : resolve()));
  await rm(workDir, { recursive: true, force: true });
});

describe('browser shell wiring', () => {
  it('gives the app page window.chartdrop backed by the core handlers', async () => {
    const answer = await shell.appPage.evaluate(() => (globalThis as unknown as PageGlobals).chartdrop.invoke('app:info', null));

    expect(answer).toEqual(info);
  });

  it('keeps window.chartdrop from being replaced and the transfer token out of page globals', async () => {
    const page = await shell.appPage.evaluate(() => {
      const before = (globalThis as unknown as PageGlobals).chartdrop;
      Reflect.set(globalThis, 'chartdrop', {});
      return {
        same: (globalThis as unknown as PageGlobals).chartdrop === before,
        frozen: Object.isFrozen(before),
        globals: Object.getOwnPropertyNames(globalThis).filter((name) => name.startsWith('__chartdrop')).sort(),
      };
    });

    // Only the binding and the event hook; the config (and its token) stays inside the preload's closure.
    expect(page).toEqual({ same: true, frozen: true, globals: ['__chartdropDeliver', '__chartdropInvoke'] });
  });

  it('cannot be framed at all: the CSP forbids it (frame-ancestors)', async () => {
    const framed = await shell.appPage.evaluate(async () => {
      const page = globalThis as unknown as PageGlobals;
      const frame = page.document.createElement('iframe');
      frame.src = '/index.html';
      await new Promise<void>((resolve) => {
        frame.onload = () => resolve();
        page.document.body.append(frame);
      });
      try {
        return typeof frame.contentWindow.chartdrop;
      } catch {
        return 'blocked';
      }
    });

    expect(framed).toBe('blocked');
  });

  it('refuses requests from a same-origin child frame that reaches the binding directly', async () => {
    const reply = await shell.appPage.evaluate(async () => {
      const page = globalThis as unknown as PageGlobals;
      const frame = page.document.createElement('iframe');
      frame.srcdoc = '<p>child</p>';
      await new Promise<void>((resolve) => {
        frame.onload = () => resolve();
        page.document.body.append(frame);
      });
      const child = frame.contentWindow as unknown as { __chartdropInvoke(channel: string, input: unknown): Promise<unknown> };
      return child.__chartdropInvoke('app:info', null);
    });

    expect(reply).toEqual({ ok: false, error: { kind: 'forbidden', message: 'This page may not use ChartDrop.' } });
  });

  it('delivers core events to the page listeners', async () => {
    await shell.appPage.evaluate(() => {
      (globalThis as unknown as PageGlobals).chartdrop.on('outbox:paused', (payload) => Reflect.set(globalThis, 'lastPaused', payload));
    });
    events.emit('outbox:paused', { paused: true, pausedReason: 'user' });

    await shell.appPage.waitForFunction(() => Reflect.get(globalThis, 'lastPaused') !== undefined);
    expect(await shell.appPage.evaluate(() => Reflect.get(globalThis, 'lastPaused'))).toEqual({ paused: true, pausedReason: 'user' });
  });

  it('moves a dropped file to the core by POST and registers it by its upload id', async () => {
    const registered = await shell.appPage.evaluate(() => {
      const file = new File([new Uint8Array(3 * 1024 * 1024)], 'scan 1.pdf', { type: 'application/pdf' });
      return (globalThis as unknown as PageGlobals).chartdrop.registerFiles([file]);
    });

    expect(transfers).toEqual([{ name: 'scan 1.pdf', size: 3 * 1024 * 1024 }]);
    expect(registered).toEqual([{ fileId: 'f1', name: 'scan 1.pdf', size: 3 * 1024 * 1024, mime: null }]);
  });

  it('creates the core for the browser shell with no cipher, so nothing secret is persisted', () => {
    expect(coreOptions).toMatchObject({ shell: 'browser', cipher: null, demo: true, dataDir: workDir });
  });

  it('opens external pages as tabs of its own Chromium, and only web URLs', async () => {
    const tabs = shell.context.pages().length;
    await expect(coreOptions.openExternal('file:///etc/passwd')).rejects.toThrow('not http(s)');
    expect(shell.context.pages().length).toBe(tabs);

    await coreOptions.openExternal(`${shell.appUrl}index.html`);
    expect(shell.context.pages().length).toBe(tabs + 1);
  });

  it('keeps the app window on its own origin, as Electron’s will-navigate does', async () => {
    const refused = shell.appPage.waitForEvent('requestfailed', { predicate: (request) => request.isNavigationRequest(), timeout: 10_000 });
    await shell.appPage.evaluate((url) => Reflect.set(Reflect.get(globalThis, 'location') as object, 'href', url), `${elsewhere.origin}/away.html`);
    await refused;

    expect(shell.appPage.url()).toBe(shell.appUrl);
    expect(elsewhere.requests).toEqual([]);
    expect(await shell.appPage.evaluate(() => typeof (globalThis as unknown as PageGlobals).chartdrop)).toBe('object');
  });

  it('shuts down when the user closes the app window', async () => {
    await shell.appPage.close();
    await expect(shell.closed).resolves.toBeUndefined();
  });
});

describe('a data key handed in by whoever starts the shell', () => {
  it('persists nothing secret when CHARTDROP_DATA_KEY is unset or empty, as before', () => {
    expect(browserShellCipher({})).toBeNull();
    expect(browserShellCipher({ CHARTDROP_DATA_KEY: '' })).toBeNull();
  });

  it('encrypts with AES-GCM under a key of 64 hex characters, so a restarted shell reads its drafts back', () => {
    const key = randomBytes(32).toString('hex');
    const sealed = browserShellCipher({ CHARTDROP_DATA_KEY: key })?.encrypt('draft words');

    expect(sealed).toBeInstanceOf(Buffer);
    expect(createAesGcmCipher(Buffer.from(key, 'hex')).decrypt(sealed ?? Buffer.alloc(0))).toBe('draft words');
    expect(browserShellCipher({ CHARTDROP_DATA_KEY: key.toUpperCase() })?.decrypt(sealed ?? Buffer.alloc(0))).toBe('draft words');
  });

  it('refuses to start with a malformed key rather than quietly keeping nothing', async () => {
    expect(() => browserShellCipher({ CHARTDROP_DATA_KEY: 'abc123' })).toThrow('64 hexadecimal characters');
    const before = process.env.CHARTDROP_DATA_KEY;
    process.env.CHARTDROP_DATA_KEY = 'z'.repeat(64);
    try {
      await expect(startBrowserShell(async () => Promise.reject(new Error('no core may start')), { dataDir: workDir, profile, demo: true, headless: true, rendererDir: join(workDir, 'renderer') })).rejects.toThrow('CHARTDROP_DATA_KEY');
    } finally {
      if (before === undefined) delete process.env.CHARTDROP_DATA_KEY;
      else process.env.CHARTDROP_DATA_KEY = before;
    }
  });
});
