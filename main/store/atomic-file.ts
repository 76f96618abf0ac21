import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFile } from 'atomically';

/**
 * Replace `path` with `data` so that after a crash or power loss the file holds either the old
 * or the new content, never a torn mix. `atomically` (conf's own engine) writes a sibling temp
 * file, fsyncs it and renames it over the target, retrying the EBUSY/EPERM that antivirus
 * scanners cause on Windows clinic PCs; the folder is then fsynced so the rename itself is
 * durable. Temp files end in `.tmp`, which readers of a folder skip and clean up.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await writeFile(path, data, {
    mode,
    fsync: true,
    tmpCreate: (target) => `${target}.${randomBytes(6).toString('hex')}.tmp`,
  });
  await syncFolder(dirname(path));
}

export async function syncFolder(path: string): Promise<void> {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
