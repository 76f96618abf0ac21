import { describe, expect, it } from 'vitest';
import { setupPageHtml } from './setup-page.js';

describe('setupPageHtml', () => {
  it('says where the clinic profile goes, escaping the path, under a CSP that allows no script', () => {
    const html = setupPageHtml({ dataDir: '/home/<front desk>/.config/ChartDrop/', version: '1.2.3' });
    expect(html).toContain('<code>/home/&#60;front desk&#62;/.config/ChartDrop/profiles.json</code>');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('ChartDrop 1.2.3');
  });

  it('writes a Windows path with backslashes', () => {
    expect(setupPageHtml({ dataDir: 'C:\\Users\\desk\\AppData\\Roaming\\ChartDrop', version: '1' })).toContain('C:\\Users\\desk\\AppData\\Roaming\\ChartDrop\\profiles.json');
  });
});
