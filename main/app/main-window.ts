import { BrowserWindow, shell, type Session } from 'electron';
import { isOpenableExternally } from './external-links.js';
import { APP_ORIGIN } from './validate-sender.js';

export interface MainWindowOptions {
  preloadPath: string;
  /** Read at each link: the active clinic can change after the window opened. */
  emrBaseUrl: () => string;
  /** Closing the window only hides it, unless the app is quitting (the tray keeps it running). */
  isQuitting(): boolean;
}

/** No site gets a camera, notifications or anything else: the renderer needs no permission. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The one window factory (DESIGN.md "Windows (Electron security checklist)"). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 420,
    height: 640,
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'ChartDrop',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });

  // The window shows our app:// page and nothing else: a link or script cannot take it elsewhere.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isOpenableExternally(url, options.emrBaseUrl())) void shell.openExternal(url);
    return { action: 'deny' };
  });

  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });

  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
