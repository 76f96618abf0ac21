import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';
import { NoticeSchema, type Notice } from './notice.js';


const PreferencesSchema = z.object({ dismissedNotices: z.array(NoticeSchema).default([]) });

/**
 * What the user told the app about itself on this computer (not PHI): which one-time notices they
 * have read. Kept in main, because the browser shell's Chromium profile does not outlive a run.
 */
export class UiPreferences {
  readonly #path: string;
  #dismissed = new Set<Notice>();

  constructor(dataDir: string) {
    this.#path = join(dataDir, 'ui-preferences.json');
  }

  async load(): Promise<void> {
    const text = await readFile(this.#path, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    try {
      // A damaged file only brings a notice back.
      const parsed = PreferencesSchema.safeParse(JSON.parse(text));
      if (parsed.success) this.#dismissed = new Set(parsed.data.dismissedNotices);
    } catch {
      this.#dismissed = new Set();
    }
  }

  get dismissedNotices(): Notice[] {
    return [...this.#dismissed];
  }

  async dismiss(notice: Notice): Promise<void> {
    this.#dismissed.add(notice);
    await writeFileAtomic(this.#path, JSON.stringify({ dismissedNotices: this.dismissedNotices }));
  }
}
