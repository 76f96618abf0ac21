import { BrowserWindow } from 'electron';
import { setupPageHtml } from '../launch/setup-page.js';

/** The first-run window of a packaged app with no clinic configured: a static page, no preload, no IPC. */
export function showSetupWindow(options: { dataDir: string; version: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 520,
    height: 420,
    title: 'ChartDrop',
    autoHideMenuBar: true,
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, javascript: false, webviewTag: false },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(setupPageHtml(options))}`);
  return window;
}
