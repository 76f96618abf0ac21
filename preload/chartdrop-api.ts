import {
  isChannel,
  isEventName,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type ChartDropApi,
  type EventName,
  type EventPayload,
  type IpcResult,
  IPC_INVOKE_CHANNEL,
} from '../main/ipc/contract.js';
import { shortenFileName } from '../main/outbox/file-name.js';

/** The part of Electron's renderer-side modules the preload uses; the browser shell's shim provides the same. */
export interface ElectronSurface {
  ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
    removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  };
  webUtils: { getPathForFile(file: File): string };
}

export interface ChartDropApiOptions {
  /**
   * Whether a `File` may be passed to `invoke` as it is. Only the browser shell's shim can carry
   * one (it posts the bytes to its host); Electron's IPC cannot serialise a File at all.
   */
  filesCrossIpc: boolean;
}

type ErrorView = Extract<IpcResult<unknown>, { ok: false }>['error'];
type DroppedFile = ChannelOutput<'files:register'>;

/**
 * Failures reject with the plain error view, not an Error: Electron's contextBridge copies plain
 * objects across worlds but drops custom properties of Error objects, which would lose the kind.
 */
function failure(view: ErrorView): ErrorView {
  return { ...view };
}

/** What `request` rejects with is already a view; anything else is a fault of ours, kept by type only. */
function errorViewOf(reason: unknown): ErrorView {
  if (typeof reason === 'object' && reason !== null && 'kind' in reason && 'message' in reason && typeof reason.message === 'string') {
    return reason as ErrorView;
  }
  return { kind: 'internal', message: `Unexpected ${reason instanceof Error ? reason.name : typeof reason} while adding the file.` };
}

function isIpcResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

/**
 * Builds `window.chartdrop`. It is the renderer's only door to main, so it refuses anything the
 * contract does not name: a compromised renderer must not be able to reach other IPC channels
 * through it, and `ipcRenderer` itself is never handed out.
 */
export function createChartDropApi(electron: ElectronSurface, options: ChartDropApiOptions): ChartDropApi {
  const { ipcRenderer, webUtils } = electron;

  async function request(channel: Channel, input: unknown): Promise<unknown> {
    const result = await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input);
    if (!isIpcResult(result)) throw failure({ kind: 'transient', message: 'The app did not answer properly. Try again.' });
    if (!result.ok) throw failure(result.error);
    return result.value;
  }

  async function registerFile(file: File, name: string): Promise<DroppedFile> {
    const path = webUtils.getPathForFile(file);
    if (path !== '') {
      return (await request('files:register', { name, source: { kind: 'path', path } })) as DroppedFile;
    }
    if (!options.filesCrossIpc) {
      // A File built in the page (pasted, dragged from another app's memory) has no path, and
      // Electron's IPC cannot carry its bytes.
      throw failure({ kind: 'unsupported', message: 'Save the file to disk first, then drop it.' });
    }
    return (await request('files:register', { name, source: { kind: 'transfer', file } })) as DroppedFile;
  }

  /** The clinic's size limit, known before any byte moves; unknown (main still checks) if main cannot say. */
  async function uploadLimit(): Promise<number | undefined> {
    try {
      const capabilities = (await request('emr:capabilities', null)) as ChannelOutput<'emr:capabilities'>;
      return capabilities.maxUploadBytes;
    } catch {
      return undefined;
    }
  }

  let refusedHere = 0;
  /** A file refused before main ever held it: its id only keys the renderer's list. */
  function refusal(file: File, name: string, problem: ErrorView): DroppedFile {
    refusedHere += 1;
    return { fileId: `refused-${refusedHere}`, name, size: file.size, mime: null, problem };
  }

  /**
   * Every file gets its own answer, refused or not: an oversize file, a failed transfer or a
   * rejected request costs that file only, never the rest of the drop.
   */
  async function registerOne(file: File, limit: number | undefined): Promise<DroppedFile> {
    // The contract takes names up to 255 characters; longer ones are cut safely rather than
    // failing the request. The renderer keeps the File, and with it the full name for the title.
    const name = shortenFileName(file.name || 'Untitled');
    if (limit !== undefined && file.size > limit) {
      // Refused from File.size alone: nothing is read, posted or copied.
      return refusal(file, name, {
        kind: 'too-large',
        message: `This file is larger than the ${Math.round(limit / (1024 * 1024))} MB this clinic accepts.`,
        sizeBytes: file.size,
        limitBytes: limit,
      });
    }
    try {
      return await registerFile(file, name);
    } catch (reason) {
      return refusal(file, name, errorViewOf(reason));
    }
  }

  return {
    async invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      if (!isChannel(channel)) throw failure({ kind: 'unsupported', message: 'Unknown request.' });
      // Only registerFiles may name a file, from a File the user dropped: a renderer that could
      // pass its own path could have any file on the computer uploaded.
      if (channel === 'files:register') throw failure({ kind: 'forbidden', message: 'Only files dropped on the window can be filed.' });
      return (await request(channel, input)) as ChannelOutput<C>;
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw failure({ kind: 'unsupported', message: 'Unknown event.' });
      // The IPC event object is dropped: it would hand the renderer `sender`, an ipcRenderer.
      const forward = (_event: unknown, payload: unknown) => listener(payload as EventPayload<E>);
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },

    async registerFiles(files: readonly File[]): Promise<DroppedFile[]> {
      const limit = await uploadLimit();
      return Promise.all(Array.from(files, (file) => registerOne(file, limit)));
    },
  };
}
