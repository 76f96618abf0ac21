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
    expect(registrations(sent)).toEqual([{ name: 'scan.pdf', source: { kind: 'path', path: '/home/clinic/scan.pdf' } }]);
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

    const [refused] = await api.registerFiles([new File(['abc'], 'pasted.png')]);
    expect(refused).toMatchObject({ name: 'pasted.png', problem: { kind: 'unsupported', message: 'Save the file to disk first, then drop it.' } });
    expect(registrations(sent)).toEqual([]);
  });

  it('hands a pathless file to the shim as a transfer in the browser shell', async () => {
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: dropped }));
    const api = createChartDropApi(surface, { filesCrossIpc: true });
    const file = new File(['abc'], 'pasted.png');

    await api.registerFiles([file]);
    expect(registrations(sent)).toEqual([{ name: 'pasted.png', source: { kind: 'transfer', file } }]);
  });

  it('refuses a file over the clinic limit from its size alone, with both figures, and registers the rest', async () => {
    const limit = 200 * 1024 * 1024;
    const { surface, sent } = fakeElectron((channel) =>
      channel === 'emr:capabilities' ? { ok: true, value: { maxUploadBytes: limit } } : { ok: true, value: dropped },
    );
    const api = createChartDropApi(surface, { filesCrossIpc: true });
    // A File whose size is all the preload may look at: reading it would throw.
    const huge = new File(['x'], 'huge-scan.pdf');
    Object.defineProperty(huge, 'size', { value: 300 * 1024 * 1024 });
    Object.defineProperty(huge, 'stream', { value: () => { throw new Error('read'); } });

    const [big, small] = await api.registerFiles([huge, new File(['abc'], 'scan.pdf')]);
    expect(big).toMatchObject({ name: 'huge-scan.pdf', size: 300 * 1024 * 1024, problem: { kind: 'too-large', sizeBytes: 300 * 1024 * 1024, limitBytes: limit } });
    expect(small).toEqual(dropped);
    expect(registrations(sent).map((input) => (input as { name: string }).name)).toEqual(['scan.pdf']);
  });

  it('answers for every file when main refuses one request, so one bad file never loses the drop', async () => {
    const { surface } = fakeElectron((channel, input) => {
      if (channel !== 'files:register') return { ok: false, error: { kind: 'transient', message: 'no' } };
      const { name } = input as { name: string };
      return name === 'bad.pdf'
        ? { ok: false, error: { kind: 'validation', message: 'Too big: expected string to have <=255 characters', field: 'name' } }
        : { ok: true, value: { ...dropped, name } };
    }, { 'bad.pdf': '/p/bad.pdf', 'good.png': '/p/good.png' });
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    const answers = await api.registerFiles([new File(['1'], 'bad.pdf'), new File(['2'], 'good.png')]);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatchObject({ name: 'bad.pdf', problem: { kind: 'validation' } });
    expect(answers[1]).toMatchObject({ name: 'good.png' });
    expect(answers[1]?.problem).toBeUndefined();
    expect(answers[0]?.fileId).not.toBe(answers[1]?.fileId);
  });

  it('sends an over-long name shortened to what the contract takes, keeping the extension', async () => {
    const longName = `${'Discharge summary from the regional hospital '.repeat(7)}.pdf`;
    const { surface, sent } = fakeElectron(() => ({ ok: true, value: dropped }), { [longName]: '/p/long.pdf' });
    const api = createChartDropApi(surface, { filesCrossIpc: false });

    await api.registerFiles([new File(['abc'], longName)]);
    const [input] = registrations(sent) as { name: string }[];
    expect(longName.length).toBeGreaterThan(300);
    expect(input?.name.length).toBeLessThanOrEqual(255);
    expect(input?.name.endsWith('….pdf')).toBe(true);
  });
});

function registrations(sent: readonly { channel: unknown; input: unknown }[]): unknown[] {
  return sent.filter((s) => s.channel === 'files:register').map((s) => s.input);
}
