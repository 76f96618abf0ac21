import { t } from './strings';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return t.size.bytes(bytes);
  const kb = bytes / 1024;
  if (kb < 1024) return t.size.kilobytes(kb.toFixed(kb < 10 ? 1 : 0));
  const mb = kb / 1024;
  if (mb < 1024) return t.size.megabytes(mb.toFixed(mb < 10 ? 1 : 0));
  return t.size.gigabytes((mb / 1024).toFixed(1));
}
