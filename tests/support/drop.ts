import type { Locator } from 'playwright-core';

/**
 * Drops files on an element the way the OS does: a DataTransfer holding File objects, then
 * dragenter / dragover / drop (shared/notes/platform.md "Simulating drops in tests").
 */
export async function dropFiles(target: Locator, files: ReadonlyArray<{ name: string; mimeType: string; bytes: Buffer }>): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.bytes.toString('base64') }));
  const dataTransfer = await target.page().evaluateHandle((items) => {
    // Runs in the page; the test project has no DOM types, so name the one global it needs.
    const page = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const transfer = new page.DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return transfer;
  }, payload);
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  await dataTransfer.dispose();
}
