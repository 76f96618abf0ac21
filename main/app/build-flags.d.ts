/**
 * Set by vite.main.config.ts: true in a development bundle (`npm start` with Electron), false in
 * the production bundle electron-builder packages, so the demo sandbox and its development
 * dependencies are not even in it.
 */
declare const __CHARTDROP_DEMO__: boolean;
