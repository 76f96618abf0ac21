import './zod-jitless.js';
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createChartDropApi } from './chartdrop-api.js';

/**
 * Which shell this bundle is built for, fixed at build time by `vite.preload.config.ts`: the same
 * source runs in Electron (CJS) and in the browser shell (IIFE, `electron` aliased to the shim).
 */
declare const __CHARTDROP_SHELL__: 'electron' | 'browser';

contextBridge.exposeInMainWorld(
  'chartdrop',
  createChartDropApi({ ipcRenderer, webUtils }, { filesCrossIpc: __CHARTDROP_SHELL__ === 'browser' }),
);
