import { errorViewFrom } from './errorView';
import type { Channel, ChannelInput, ChannelOutput, DroppedFile, ErrorView, EventName, EventPayload } from './types';

/** Every reply, success or failure, as a value: callers must handle the error view to get at the result. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

export async function request<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Outcome<ChannelOutput<C>>> {
  try {
    return { ok: true, value: await window.chartdrop.invoke(channel, input) };
  } catch (reason) {
    return { ok: false, error: errorViewFrom(reason) };
  }
}

export async function registerFiles(files: readonly File[]): Promise<Outcome<DroppedFile[]>> {
  try {
    return { ok: true, value: await window.chartdrop.registerFiles(files) };
  } catch (reason) {
    return { ok: false, error: errorViewFrom(reason) };
  }
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.chartdrop.on(event, listener);
}
