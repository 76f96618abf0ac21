/**
 * Stands in for the `electron` module when the real preload is bundled for the browser shell
 * (DESIGN.md "Where Electron cannot run"). It offers only what `preload.ts` uses, carried over a
 * Playwright binding (requests), `page.evaluate` (events) and a same-origin POST (dropped bytes).
 */

import './zod-jitless.js';
import { ErrorViewSchema, type ErrorView } from '../main/shared/errors.js';
import { shortenFileName } from '../main/outbox/file-name.js';

/**
 * Set by the host in the same init script, in a closure around this bundle, so the per-launch
 * token never becomes a property of `window` that other scripts could enumerate.
 */
declare const __chartdropShellConfig: {
  token: string;
  tokenHeader: string;
  transferPath: string;
  /** The Playwright binding the host registers. */
  invokeBinding: string;
  /** The page-side function the host calls to deliver a main → renderer event. */
  deliverHook: string;
};

type IpcListener = (event: unknown, ...args: unknown[]) => void;

const listeners = new Map<string, Set<IpcListener>>();

Object.defineProperty(globalThis, __chartdropShellConfig.deliverHook, {
  value: Object.freeze((channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({}, payload);
  }),
  writable: false,
  configurable: false,
  enumerable: false,
});

/** A refused transfer, answered to the preload as the failed request it is. */
class TransferRefused extends Error {
  constructor(readonly view: ErrorView) {
    super(view.message);
  }
}

function errorViewIn(answer: unknown): ErrorView | null {
  if (typeof answer !== 'object' || answer === null || !('error' in answer)) return null;
  const parsed = ErrorViewSchema.safeParse(answer.error);
  return parsed.success ? parsed.data : null;
}

/**
 * Electron's IPC cannot carry a File, but this shell can: the bytes go to the host by a fetch POST
 * (measured 10x faster than base64 through the binding, shared/notes/platform.md) and the request
 * carries the opaque id the host answers with.
 */
async function postFile(file: File): Promise<{ $upload: string }> {
  // The host ignores the name (it arrives again with files:register); a short one keeps the URL
  // well under the host's header limit whatever the file is called.
  const url = `${__chartdropShellConfig.transferPath}?name=${encodeURIComponent(shortenFileName(file.name || 'Untitled'))}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { [__chartdropShellConfig.tokenHeader]: __chartdropShellConfig.token, 'content-type': 'application/octet-stream' },
      body: file,
    });
  } catch {
    // The host refused mid-body and closed the connection, or the file vanished from disk while
    // being read: either way this file did not arrive, and only this file.
    throw new TransferRefused({ kind: 'unreachable', message: 'The file could not be handed to the app.' });
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok && typeof answer === 'object' && answer !== null && '$upload' in answer && typeof answer.$upload === 'string') {
    return { $upload: answer.$upload };
  }
  throw new TransferRefused(
    errorViewIn(answer) ?? { kind: 'transient', message: `The file could not be handed to the app (HTTP ${response.status}).` },
  );
}

async function replaceFiles(value: unknown): Promise<unknown> {
  if (value instanceof File) return postFile(value);
  if (Array.isArray(value)) return Promise.all(value.map(replaceFiles));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await replaceFiles(item)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

type InvokeBinding = (channel: unknown, input: unknown) => Promise<unknown>;

export const ipcRenderer = {
  async invoke(_ipcChannel: string, channel: unknown, input: unknown): Promise<unknown> {
    const binding: unknown = Reflect.get(globalThis, __chartdropShellConfig.invokeBinding);
    if (typeof binding !== 'function') throw new Error('The app host is not connected.');
    try {
      return await (binding as InvokeBinding)(channel, await replaceFiles(input));
    } catch (error) {
      if (error instanceof TransferRefused) return { ok: false, error: error.view };
      throw error;
    }
  },
  on(channel: string, listener: IpcListener): void {
    const set = listeners.get(channel) ?? new Set<IpcListener>();
    set.add(listener);
    listeners.set(channel, set);
  },
  removeListener(channel: string, listener: IpcListener): void {
    listeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  /** Like Electron's: the exposed API cannot be replaced or altered by page scripts. */
  exposeInMainWorld(key: string, api: object): void {
    Object.defineProperty(globalThis, key, { value: Object.freeze(api), writable: false, configurable: false, enumerable: true });
  },
};

/** The browser never reveals a dropped file's path, so every file goes by transfer. */
export const webUtils = {
  getPathForFile(_file: File): string {
    return '';
  },
};
