import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_INVOKE_CHANNEL, type IpcResult } from '../ipc/contract.js';
import { dispatch } from '../ipc/dispatch.js';
import type { IpcHost } from '../ipc/ipc-host.js';
import { validateSender } from './validate-sender.js';

const REFUSED: IpcResult<never> = { ok: false, error: { kind: 'forbidden', message: 'This page may not use ChartDrop.' } };

/**
 * Wires the IPC host to the window: requests pass `validateSender` and then `dispatch`; every core
 * event goes to the window on the IPC channel named after it (what the preload listens on).
 */
export function connectIpc(ipc: IpcHost, window: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, channel: unknown, input: unknown) =>
    validateSender(event.senderFrame, window()) ? dispatch(ipc.handlers, channel, input) : REFUSED,
  );
  const stopEvents = ipc.events.subscribe((name, payload) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(name, payload);
  });
  return () => {
    stopEvents();
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
  };
}
