import { isCalendarDate, toLocalIsoDate } from '../dates';

/** The contract caps titles at 200 characters (main/ipc/contract.ts DocumentRequestSchema). */
export const MAX_TITLE_LENGTH = 200;

/**
 * Bidi controls let a name read as "report.pdf" while being "fdp.troper…" (shared/notes/documents.md
 * "Sniffing"); they never belong in a chart title. U+061C, U+200E/F, U+202A–E, U+2066–9.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function titleFromFileName(fileName: string): string {
  const withoutBidi = fileName.replace(BIDI_CONTROLS, '');
  const lastDot = withoutBidi.lastIndexOf('.');
  const stem = lastDot > 0 ? withoutBidi.slice(0, lastDot) : withoutBidi;
  // The date already fills the date field; repeating it in the title only adds noise.
  const date = firstCalendarDate(stem);
  const withoutDate = date ? stem.replace(date.text, ' ') : stem;
  const title = (withoutDate.replace(/[\s_-]/g, '') === '' ? stem : withoutDate)
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return leadingCharacters(title, MAX_TITLE_LENGTH).trim();
}

/** As many whole characters as fit in `max` UTF-16 units: a cut never leaves half an emoji. */
function leadingCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (kept.length + segment.length > max) break;
    kept += segment;
  }
  return kept;
}

/** 2024-03-05, 2024_03_05 or 20240305, not glued to other digits (so a 10-digit fax id is not a date). */
const DATE_IN_NAME = /(?<!\d)(\d{4})([-_]?)(\d{2})\2(\d{2})(?!\d)/g;

function firstCalendarDate(text: string): { iso: string; text: string } | undefined {
  for (const match of text.matchAll(DATE_IN_NAME)) {
    const iso = `${match[1]}-${match[3]}-${match[4]}`;
    if (isCalendarDate(iso)) return { iso, text: match[0] };
  }
  return undefined;
}

/** The first real calendar date written in the name, else today (local). */
export function dateFromFileName(fileName: string, today: Date): string {
  return firstCalendarDate(fileName)?.iso ?? toLocalIsoDate(today);
}
