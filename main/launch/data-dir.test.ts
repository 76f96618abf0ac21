import { describe, expect, it } from 'vitest';
import { resolveDataDir } from './data-dir.js';

describe('resolveDataDir', () => {
  it('prefers CHARTDROP_DATA_DIR', () => {
    expect(resolveDataDir({ CHARTDROP_DATA_DIR: '/srv/chartdrop' }, 'linux', '/home/a')).toBe('/srv/chartdrop');
  });

  it('uses the platform per-user app-data folder like Electron userData', () => {
    expect(resolveDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/ChartDrop');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/ChartDrop');
    expect(resolveDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/ChartDrop');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe('C:\\Users\\a\\AppData\\Roaming\\ChartDrop');
  });
});
