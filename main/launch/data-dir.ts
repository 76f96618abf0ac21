import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_NAME = 'ChartDrop';

/**
 * Where ChartDrop keeps settings, outbox and audit log: `CHARTDROP_DATA_DIR`, else the per-user
 * app-data folder Electron's `app.getPath('userData')` uses, so both shells share one folder.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.CHARTDROP_DATA_DIR) return env.CHARTDROP_DATA_DIR;
  const { join } = platform === 'win32' ? win32 : posix;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}
