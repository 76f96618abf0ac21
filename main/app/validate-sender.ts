import type { BrowserWindow, WebFrameMain } from 'electron';

export const APP_ORIGIN = 'app://chartdrop';

/**
 * Every IPC message is checked here before `dispatch` (VS Code's `validatedIpcMain` idea): only the
 * top frame of our own window, showing our own app:// page, may reach the handlers; never an
 * iframe, another window, or a page the window was somehow navigated to.
 */
export function validateSender(frame: WebFrameMain | null, window: BrowserWindow | null): boolean {
  if (frame === null || window === null || window.isDestroyed()) return false;
  if (frame !== window.webContents.mainFrame) return false;
  return frame.url.startsWith(`${APP_ORIGIN}/`);
}
