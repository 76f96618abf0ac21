import { describe, expect, it } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../main/ipc/contract.js';
import { createChartDropApi, type ElectronSurface } from './chartdrop-api.js';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for Electron's renderer modules that records what the preload sends. */
function fakeElectron(reply: (channel: unknown, input: unknown) => unknown, paths: Record<string, string> = { 'scan.pdf': '/home/clinic/scan.pdf' }) {
  const sent: { ipcChannel: string; channel: unknown; input: unknown }[] = [];
  const listeners = new Map<string, Set<IpcListener>>();
  const surface: ElectronSurface = {
    ipcRenderer: {
      async invoke(ipcChannel, channel, input) {
        sent.push({ ipcChannel, channel, input });
        return reply(channel, input);
      },
      on(channel, listener) {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
      },
    },
    webUtils: { getPathForFile: (file) => paths[file.name] ?? '' },
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, payload);
  };
  return { surface, sent, emit };
}

const dropped = { fileId: 'f1', name: 'scan.pdf', size: 3, mime: 'application/pdf' };

describe('window.chartdrop (preload)', () => {
  it('sends contract channels over the single chartdrop IPC channel and unwraps the value', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: [] }));
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    await expect(api.invoke('patients:search', { name: 'Smith' })).resolves.toEqual([]);
    expect(sent).toEqual([{ ipcChannel: IPC_INVOKE_CHANNEL, channel: 'patients:search', input: { name: 'Smith' } }]);
  });

  it('rejects with the plain error view when main answers a failure (contextBridge keeps plain objects whole)', async () => {
    const view = { kind: 'auth', message: 'Sign in again.' };
    const { surface } = fakeElectron(() => ({ ok: false, error: view }));
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    const failure = await api.invoke('auth:status', null).catch((error: unknown) => error);
    expect(failure).toEqual(view);
  });

  it('refuses a channel the contract does not name without sending anything', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: null }));
    const api = createChartDropApi(surface, { filesCrossIpc: false });
    const invokeAnything = api.invoke as (channel: string, input: unknown) => Promise<unknown>;

    await expect(invokeAnything('shell:openPath', '/etc/passwd')).rejects.toMatchObject({ kind: 'unsupported' });
    expect(sent).toEqual([]);
  });

  it('treats a malformed reply as a transient failure', async () => {
    const { surface } = fakeElectron(() => 'not a result');
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    await expect(api.invoke('app:info', null)).rejects.toMatchObject({ kind: 'transient' });
  });

  it('delivers contract events without the IPC event object and stops after unsubscribe', () => {
    const { surface, emit } = fakeElectron(() => null);
    const api = createChartDropApi(surface, { filesCrossIpc: false });
    const received: unknown[][] = [];

    const unsubscribe = api.on('outbox:paused', (...args: unknown[]) => received.push(args));
    emit('outbox:paused', { paused: true });
    unsubscribe();
    emit('outbox:paused', { paused: false });

    expect(received).toEqual([[{ paused: true }]]);
  });

  it('refuses to subscribe to events the contract does not name', () => {
    const { surface } = fakeElectron(() => null);
    const api = createChartDropApi(surface, { filesCrossIpc: false });
    const onAnything = api.on as (event: string, listener: () => void) => () => void;

    expect(() => onAnything('ipc:raw', () => undefined)).toThrow('Unknown event.');
  });

  it('registers a dropped file by its path when Electron can resolve one', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: dropped }));
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    await expect(api.registerFiles([new File(['abc'], 'scan.pdf')])).resolves.toEqual([dropped]);
    expect(sent[0]?.input).toEqual({ name: 'scan.pdf', source: { kind: 'path', path: '/home/clinic/scan.pdf' } });
  });

  it('refuses files:register through invoke, so the renderer cannot name a path of its own', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: dropped }));
    const api = createChartDropApi(surface, { filesCrossIpc: false });
    await expect(api.invoke('files:register', { name: 'id_rsa', source: { kind: 'path', path: '/home/u/.ssh/id_rsa' } })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(sent).toEqual([]);
  });

  it('refuses a pathless file in Electron, whose IPC cannot carry File objects', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: dropped }));
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    await expect(api.registerFiles([new File(['abc'], 'pasted.png')])).rejects.toMatchObject({
      kind: 'unsupported', message: 'Save the file to disk first, then drop it.',
    });
    expect(sent).toEqual([]);
  });

  it('hands a pathless file to the shim as a transfer in the browser shell', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: dropped }));
    const api = createChartDropApi(surface, { filesCrossIpc: true });
    const file = new File(['abc'], 'pasted.png');

    await api.registerFiles([file]);
    expect(sent[0]?.input).toEqual({ name: 'pasted.png', source: { kind: 'transfer', file } });
  });
});
