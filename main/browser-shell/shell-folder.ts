import { readlinkSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export interface ShellFolder {
  /** Chromium's profile: it holds the sign-in cookies of the session. */
  userDataDir: string;
  /**
   * Puts the last-resort removal after every `exit` listener added so far: Playwright's, added
   * when it launches Chromium, kills Chromium first, so nothing writes here while it is removed.
   */
  removeLastOnExit(): void;
  /** Removes the folder and what Chromium left for it; safe to call more than once. */
  remove(): Promise<void>;
}

/** Retries ride out a Chromium child that is still letting go of its files as the folder goes. */
const RM_OPTIONS = { recursive: true, force: true, maxRetries: 5, retryDelay: 100 } as const;

/**
 * Chromium keeps its single-instance socket in a folder of its own in TMPDIR, linked from the
 * profile, and removes it only when it exits cleanly: a Chromium that crashed or was killed
 * leaves it. (Pointing Chromium's TMPDIR inside the profile instead makes the socket's path
 * longer than a Unix socket allows, which Chromium treats as fatal.)
 */
function singletonSocketFolder(userDataDir: string): string | null {
  try {
    const folder = dirname(readlinkSync(join(userDataDir, 'SingletonSocket')));
    return /^\.?org\.chromium\.Chromium\./.test(basename(folder)) ? folder : null;
  } catch {
    return null;
  }
}

/**
 * One temp folder per launch for Chromium's profile. The `exit` hook covers a process that ends
 * without its clean stop (an unexpected exit, a stop that overran its time): the profile with the
 * sign-in cookie must not outlive the app.
 */
export async function createShellFolder(): Promise<ShellFolder> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'chartdrop-chromium-'));
  const removeNow = () => {
    for (const folder of [singletonSocketFolder(userDataDir), userDataDir]) {
      try {
        if (folder) rmSync(folder, RM_OPTIONS);
      } catch {
        // Nothing else can be done while the process is exiting.
      }
    }
  };
  process.on('exit', removeNow);
  return {
    userDataDir,
    removeLastOnExit() {
      process.off('exit', removeNow);
      process.on('exit', removeNow);
    },
    async remove() {
      const socketFolder = singletonSocketFolder(userDataDir);
      if (socketFolder) await rm(socketFolder, RM_OPTIONS);
      await rm(userDataDir, RM_OPTIONS);
      process.off('exit', removeNow);
    },
  };
}
