import type { AppInfo } from '../api/types';
import { isCalendarDate } from '../dates';

export type DateOrder = AppInfo['profile']['dateOrder'];

/** How a date typed in the search box was read. */
export type BirthDateReading =
  | {
      typed: string;
      iso: string;
      /** Day and month could be swapped (03/04/1978): read by the clinic's setting, and said so. */
      ambiguous: boolean;
    }
  | { typed: string; iso?: undefined; notOnCalendar: true };

export interface FoundBirthDate {
  reading: BirthDateReading;
  /** What is left of the text once the date is taken out. */
  rest: string;
}

/** English and French month names and their usual abbreviations (Canadian clinics type both). */
const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janv: 1, janvier: 1,
  feb: 2, february: 2, fev: 2, fevr: 2, fevrier: 2,
  mar: 3, march: 3, mars: 3,
  apr: 4, april: 4, avr: 4, avril: 4,
  may: 5, mai: 5,
  jun: 6, june: 6, juin: 6,
  jul: 7, july: 7, juil: 7, juillet: 7,
  aug: 8, august: 8, aou: 8, aout: 8,
  sep: 9, sept: 9, september: 9, septembre: 9,
  oct: 10, october: 10, octobre: 10,
  nov: 11, november: 11, novembre: 11,
  dec: 12, december: 12, decembre: 12,
};

const NOT_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_AFTER = '(?![\\p{L}\\p{N}])';
const SEP = '[\\s./-]*';
const NUM_SEP = '[./-]';
const DAY = '(\\d{1,2})(?:st|nd|rd|th|er)?';
const WORD = '(\\p{L}{3,9})\\.?,?';

const ISO = new RegExp(`${NOT_BEFORE}(\\d{4})${NUM_SEP}(\\d{1,2})${NUM_SEP}(\\d{1,2})${NOT_AFTER}`, 'u');
const NUMERIC = new RegExp(`${NOT_BEFORE}(\\d{1,2})${NUM_SEP}(\\d{1,2})${NUM_SEP}(\\d{4})${NOT_AFTER}`, 'u');
const DAY_MONTH_YEAR = new RegExp(`${NOT_BEFORE}${DAY}${SEP}${WORD}${SEP}(\\d{4})${NOT_AFTER}`, 'giu');
const MONTH_DAY_YEAR = new RegExp(`${NOT_BEFORE}${WORD}${SEP}${DAY},?${SEP}(\\d{4})${NOT_AFTER}`, 'giu');

function monthNamed(word: string): number | undefined {
  return MONTHS[word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()];
}

function isoOf(year: number, month: number, day: number): string | undefined {
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}

function found(text: string, match: RegExpExecArray, reading: { iso: string | undefined; ambiguous?: boolean }): FoundBirthDate {
  const typed = match[0].trim();
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  return {
    reading: reading.iso === undefined ? { typed, notOnCalendar: true } : { typed, iso: reading.iso, ambiguous: reading.ambiguous ?? false },
    rest,
  };
}

/** The first match of a month-name pattern whose word really is a month ("14 Mar 1978", not "14 Roy 1978"). */
function namedMonth(text: string, pattern: RegExp, parts: (m: RegExpExecArray) => [day: string, word: string, year: string]): FoundBirthDate | undefined {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const [day, word, year] = parts(match);
    const month = monthNamed(word);
    if (month !== undefined) return found(text, match, { iso: isoOf(Number(year), month, Number(day)) });
    pattern.lastIndex = match.index + 1;
  }
  return undefined;
}

/**
 * Finds a birth date in what was typed, in the forms clinics write: 1978-03-14, 14/03/1978 (or
 * 03/14/1978, by the clinic's `order`), 14-03-1978, 14.03.1978, 14 Mar 1978, March 14, 1978,
 * 14 mars 1978. An all-numeric date whose day and month could be swapped is read by `order` and
 * marked ambiguous; one that only makes sense the other way round (14/03 under 'mdy') is read
 * that way, since the screen says how it was read either way.
 */
export function findBirthDate(text: string, order: DateOrder): FoundBirthDate | undefined {
  const iso = ISO.exec(text);
  if (iso) return found(text, iso, { iso: isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) });

  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    const [day, month] = order === 'dmy' ? [first, second] : [second, first];
    const asSet = isoOf(year, month, day);
    const swapped = isoOf(year, day, month);
    return found(text, numeric, { iso: asSet ?? swapped, ambiguous: asSet !== undefined && swapped !== undefined && first !== second });
  }

  return (
    namedMonth(text, DAY_MONTH_YEAR, (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? '']) ??
    namedMonth(text, MONTH_DAY_YEAR, (m) => [m[2] ?? '', m[1] ?? '', m[3] ?? ''])
  );
}
