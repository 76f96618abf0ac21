import { ipcMain, type BrowserWindow } from 'electron';
import type { AppCore } from '../core/app-core-types.js';
import { IPC_INVOKE_CHANNEL, type IpcResult } from '../ipc/contract.js';
import { dispatch } from '../ipc/dispatch.js';
import { validateSender } from './validate-sender.js';

const REFUSED: IpcResult<never> = { ok: false, error: { kind: 'forbidden', message: 'This page may not use ChartDrop.' } };

/**
 * Wires the core to the window: requests pass `validateSender` and then `dispatch`; every core
 * event goes to the window on the IPC channel named after it (what the preload listens on).
 */
export function connectIpc(core: AppCore, window: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, channel: unknown, input: unknown) =>
    validateSender(event.senderFrame, window()) ? dispatch(core.handlers, channel, input) : REFUSED,
  );
  const stopEvents = core.events.subscribe((name, payload) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(name, payload);
  });
  return () => {
    stopEvents();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
