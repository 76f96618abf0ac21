import type { ChartDropApi } from '../../main/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the preload; the renderer's only door to the app (DESIGN.md "Data flow"). */
    readonly chartdrop: ChartDropApi;
  }
}
