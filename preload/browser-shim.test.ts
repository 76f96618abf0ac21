import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const config = {
  token: 'launch-token',
  tokenHeader: 'x-chartdrop-token',
  transferPath: '/__transfer',
  invokeBinding: '__chartdropInvoke',
  deliverHook: '__chartdropDeliver',
};

type Shim = typeof import('./browser-shim.js');
let shim: Shim;

beforeAll(async () => {
  // The host puts the config in a closure around the bundle; a global stands in for it here.
  vi.stubGlobal('__chartdropShellConfig', config);
  shim = await import('./browser-shim.js');
});

afterEach(() => {
  Reflect.deleteProperty(globalThis, config.invokeBinding);
  vi.unstubAllGlobals();
  vi.stubGlobal('__chartdropShellConfig', config);
});

describe('browser shell stand-in for electron', () => {
  it('posts a File in the input to the host with the launch token and passes its upload id instead', async () => {
    const fetchMock = vi.fn(async () => Response.json({ $upload: 'u-1' }));
    vi.stubGlobal('fetch', fetchMock);
    const binding = vi.fn(async () => ({ ok: true, value: 'done' }));
    Reflect.set(globalThis, config.invokeBinding, binding);
    const file = new File(['hello'], 'lab result.pdf');

    const reply = await shim.ipcRenderer.invoke('chartdrop', 'files:register', { name: file.name, source: { kind: 'transfer', file } });

    expect(reply).toEqual({ ok: true, value: 'done' });
    expect(binding).toHaveBeenCalledWith('files:register', { name: 'lab result.pdf', source: { kind: 'transfer', file: { $upload: 'u-1' } } });
    expect(fetchMock).toHaveBeenCalledWith('/__transfer?name=lab%20result.pdf', {
      method: 'POST',
      headers: { 'x-chartdrop-token': 'launch-token', 'content-type': 'application/octet-stream' },
      body: file,
    });
  });

  it('answers a failed request with the error view the host gives when it refuses the bytes', async () => {
    const view = { kind: 'validation', message: 'The file is larger than this clinic accepts.' };
    vi.stubGlobal('fetch', async () => Response.json({ error: view }, { status: 400 }));
    const binding = vi.fn();
    Reflect.set(globalThis, config.invokeBinding, binding);

    await expect(shim.ipcRenderer.invoke('chartdrop', 'files:register', { file: new File(['x'], 'a.pdf') })).resolves.toEqual({ ok: false, error: view });
    expect(binding).not.toHaveBeenCalled();
  });

  it('answers a transient failure when the host refuses without a reason', async () => {
    vi.stubGlobal('fetch', async () => new Response('403\n', { status: 403 }));
    Reflect.set(globalThis, config.invokeBinding, vi.fn());

    await expect(shim.ipcRenderer.invoke('chartdrop', 'files:register', { file: new File(['x'], 'a.pdf') })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'transient', message: expect.stringContaining('HTTP 403') },
    });
  });

  it('answers a failed request for that file alone when the host drops the connection mid-body', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const binding = vi.fn();
    Reflect.set(globalThis, config.invokeBinding, binding);

    await expect(shim.ipcRenderer.invoke('chartdrop', 'files:register', { file: new File(['x'], 'a.pdf') })).resolves.toEqual({
      ok: false,
      error: { kind: 'unreachable', message: 'The file could not be handed to the app.' },
    });
    expect(binding).not.toHaveBeenCalled();
  });

  it('names the transfer by a shortened name so a long one cannot overflow the request line', async () => {
    const fetchMock = vi.fn(async () => Response.json({ $upload: 'u-2' }));
    vi.stubGlobal('fetch', fetchMock);
    Reflect.set(globalThis, config.invokeBinding, vi.fn(async () => ({ ok: true, value: null })));

    await shim.ipcRenderer.invoke('chartdrop', 'files:register', { file: new File(['x'], `${'名'.repeat(3000)}.pdf`) });
    const [[url]] = fetchMock.mock.calls as unknown as [[string]];
    expect(decodeURIComponent(url.split('name=')[1] ?? '').length).toBeLessThanOrEqual(255);
  });

  it('delivers host events to listeners until they are removed', () => {
    const deliver = Reflect.get(globalThis, config.deliverHook) as (channel: string, payload: unknown) => void;
    const listener = vi.fn();

    shim.ipcRenderer.on('outbox:paused', listener);
    deliver('outbox:paused', { paused: true });
    shim.ipcRenderer.removeListener('outbox:paused', listener);
    deliver('outbox:paused', { paused: false });

    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({}, { paused: true });
  });

  it('exposes the API as a frozen property page scripts cannot replace', () => {
    shim.contextBridge.exposeInMainWorld('chartdropTest', { invoke: () => 1 });
    const exposed = Reflect.get(globalThis, 'chartdropTest') as object;

    expect(Object.isFrozen(exposed)).toBe(true);
    expect(Reflect.set(globalThis, 'chartdropTest', {})).toBe(false);
    expect(Reflect.get(globalThis, 'chartdropTest')).toBe(exposed);
  });

  it('makes zod parse without evaluating strings, which the app CSP forbids', () => {
    expect(z.config().jitless).toBe(true);
  });

  it('never reveals a path', () => {
    expect(shim.webUtils.getPathForFile(new File(['x'], 'a.pdf'))).toBe('');
  });
});
