import type { PatientQuery } from '../api/types';
import { formatCalendarDate } from '../dates';
import { t } from '../strings';
import { findBirthDate, type BirthDateReading, type DateOrder } from './readBirthDate';

const HAS_DIGIT = /\d/;
/** The contract's limits (main/emr/model.ts PatientQuerySchema); a query outside them is refused by main. */
const MIN_NAME_LENGTH = 2;
const MAX_NAME_LENGTH = 100;
const MAX_IDENTIFIER_LENGTH = 64;

export interface ParsedPatientQuery {
  /** Null when nothing searchable is left. */
  query: PatientQuery | null;
  /** How a typed date was read, so the picker can say it back ("born 14 Mar 1978"). */
  birthDate?: BirthDateReading;
}

/**
 * Turns what the user typed into a search: a date in any common form is the date of birth (read
 * by the clinic's day/month `order`), a token with digits is a chart number, the rest is the name
 * ("smith 14/03/1978"). Digit groups are joined without spaces, because clinics write health
 * numbers in groups ("9876 543 210") that servers store without them.
 */
export function parsePatientQuery(text: string, order: DateOrder): ParsedPatientQuery {
  const date = findBirthDate(text, order);
  const nameParts: string[] = [];
  const identifierParts: string[] = [];
  for (const token of (date?.rest ?? text).trim().split(/\s+/).filter(Boolean)) {
    if (HAS_DIGIT.test(token)) identifierParts.push(token);
    else nameParts.push(token);
  }

  const name = nameParts.join(' ').slice(0, MAX_NAME_LENGTH);
  const identifier = identifierParts.join('').slice(0, MAX_IDENTIFIER_LENGTH);
  const birthDate = date?.reading.iso;
  const query: PatientQuery = {
    ...(name.length >= MIN_NAME_LENGTH ? { name } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(identifier ? { identifier } : {}),
  };
  return {
    query: Object.keys(query).length > 0 ? query : null,
    ...(date ? { birthDate: date.reading } : {}),
  };
}

/**
 * What the search box will search for, in words: "Searching for “roy”, born 3 Apr 1978", then,
 * for a date whose day and month could be swapped, which way it was read. Empty when there is
 * nothing to say.
 */
export function describePatientQuery(parsed: ParsedPatientQuery, order: DateOrder): string {
  const { query, birthDate } = parsed;
  const lines: string[] = [];
  if (birthDate && birthDate.iso === undefined) lines.push(t.picker.notOnCalendar(birthDate.typed));
  if (query) {
    lines.push(
      t.picker.searchingFor({
        ...(query.name ? { name: query.name } : {}),
        ...(query.birthDate ? { born: formatCalendarDate(query.birthDate) } : {}),
        ...(query.identifier ? { identifier: query.identifier } : {}),
      }),
    );
  }
  if (birthDate?.iso !== undefined && birthDate.ambiguous) lines.push(t.picker.readDateAs(birthDate.typed, order));
  return lines.join(' ');
}
