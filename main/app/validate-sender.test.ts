import type { BrowserWindow, WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { validateSender } from './validate-sender.js';

/** Only the fields validateSender reads; Electron's own objects cannot be made in plain Node. */
function windowWithMainFrame(url: string, destroyed = false) {
  const mainFrame = { url } as WebFrameMain;
  const window = { isDestroyed: () => destroyed, webContents: { mainFrame } } as unknown as BrowserWindow;
  return { window, mainFrame };
}

describe('validateSender', () => {
  it('accepts only the main frame of our window showing our app:// page', () => {
    const { window, mainFrame } = windowWithMainFrame('app://chartdrop/index.html');
    expect(validateSender(mainFrame, window)).toBe(true);
  });

  it('refuses a child frame, another origin, a destroyed window and a missing sender', () => {
    const { window, mainFrame } = windowWithMainFrame('app://chartdrop/index.html');
    expect(validateSender({ url: 'app://chartdrop/index.html' } as WebFrameMain, window)).toBe(false);
    const navigated = windowWithMainFrame('https://evil.example/');
    expect(validateSender(navigated.mainFrame, navigated.window)).toBe(false);
    const lookalike = windowWithMainFrame('app://chartdrop.evil/index.html');
    expect(validateSender(lookalike.mainFrame, lookalike.window)).toBe(false);
    const closed = windowWithMainFrame('app://chartdrop/index.html', true);
    expect(validateSender(closed.mainFrame, closed.window)).toBe(false);
    expect(validateSender(null, window)).toBe(false);
    expect(validateSender(mainFrame, null)).toBe(false);
  });
});
