import { EmrError } from '../shared/errors.js';

export interface UploadWatchOptions {
  /** Aborted, with a `transient` EmrError as the reason, when no byte has moved for `stallTimeoutMs`. */
  abort: AbortController;
  stallTimeoutMs: number;
  totalBytes: number;
  /** How often progress may be reported; the final byte count is always reported. */
  progressIntervalMs: number;
  report(sentBytes: number): void;
}

/**
 * Runs one upload with a stall watchdog, and hands it a progress callback that reports at a calm
 * rate: a hung server or a dead link is noticed by the bytes stopping, whatever the file's size,
 * where a fixed request timeout would either cut off large files or wait far too long on small ones.
 */
export async function withUploadWatch<T>(options: UploadWatchOptions, run: (onProgress: (sentBytes: number) => void) => Promise<T>): Promise<T> {
  let lastProgress = Date.now();
  let lastReport = 0;
  const watchdog = setInterval(() => {
    if (Date.now() - lastProgress > options.stallTimeoutMs) options.abort.abort(new EmrError('transient', 'The upload stopped moving and was restarted.'));
  }, Math.min(5_000, options.stallTimeoutMs));
  try {
    return await run((sent) => {
      lastProgress = Date.now();
      if (lastProgress - lastReport < options.progressIntervalMs && sent < options.totalBytes) return;
      lastReport = lastProgress;
      options.report(sent);
    });
  } finally {
    clearInterval(watchdog);
  }
}
