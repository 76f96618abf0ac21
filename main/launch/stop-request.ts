/** The signals that ask the app to stop: Ctrl+C, `kill`/a service manager, the terminal closing. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface StopRequest {
  /** Aborted by the first stop signal (or `request()`), never again. */
  signal: AbortSignal;
  /** Asks for the same clean stop a signal does. */
  request(): void;
}

/**
 * Every stop signal, however many arrive, becomes one request to stop cleanly. The listeners stay
 * installed until the process exits: Ctrl+C reaches every process of the terminal's group,
 * and `tsx` (what `npm start` runs) passes each signal on again, so a second SIGINT arriving
 * mid-clean-up is common, and with no listener left Node (or tsx's own hook) ends the process at
 * once with 130, leaving Chromium's profile, the sandbox's files and Playwright's folders behind.
 *
 * If the clean stop overruns `budgetMs`, `onOverrun` runs: the process must end even then.
 */
export function listenForStop(budgetMs: number, onOverrun: () => void): StopRequest {
  const controller = new AbortController();
  const request = () => {
    if (controller.signal.aborted) return;
    controller.abort();
    // The clean stop ends the process itself; the deadline alone must not keep it alive.
    setTimeout(onOverrun, budgetMs).unref();
  };
  for (const name of STOP_SIGNALS) process.on(name, request);
  return { signal: controller.signal, request };
}
