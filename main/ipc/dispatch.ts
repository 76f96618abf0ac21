import type { z } from 'zod';
import { toErrorView } from '../shared/errors.js';
import { channels, isChannel, type Channel, type ChannelOutput, type IpcResult } from './contract.js';

type HandlerInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;

/** One function per channel, taking the parsed input. Built by `createHandlers`. */
export type Handlers = { [C in Channel]: (input: HandlerInput<C>) => Promise<ChannelOutput<C>> };

/**
 * The single entry point both shells call for every invoke: parse the input with the contract's
 * schema, run the handler, parse the output (stripping anything undeclared), and turn any failure
 * into an error view. Checking *who* sent the message is the shell's job and happens before this.
 */
export async function dispatch(handlers: Handlers, channel: unknown, rawInput: unknown): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { kind: 'unsupported', message: 'Unknown request.' } };
  }
  const spec = channels[channel];
  const parsed = spec.input.safeParse(rawInput ?? null);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.');
    return {
      ok: false,
      error: { kind: 'validation', message: issue?.message ?? 'Invalid request.', ...(field ? { field } : {}) },
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    return { ok: true, value: spec.output.parse(value) };
  } catch (error) {
    return { ok: false, error: toErrorView(error) };
  }
}
