import { isCalendarDate } from '../dates';
import type { PatientQuery } from '../api/types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HAS_DIGIT = /\d/;
/** The contract's limits (main/emr/model.ts PatientQuerySchema); a query outside them is refused by main. */
const MIN_NAME_LENGTH = 2;
const MAX_NAME_LENGTH = 100;
const MAX_IDENTIFIER_LENGTH = 64;

/**
 * Turns what the user typed into a search: an ISO date is the date of birth, a token with digits
 * is a chart number, the rest is the name ("smith 1980-02-29"). Digit groups are joined without
 * spaces, because clinics write health numbers in groups ("9876 543 210") that servers store
 * without them. Returns null when nothing searchable is left.
 */
export function parsePatientQuery(text: string): PatientQuery | null {
  const nameParts: string[] = [];
  const identifierParts: string[] = [];
  let birthDate: string | undefined;

  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    if (ISO_DATE.test(token)) {
      if (isCalendarDate(token)) birthDate = token;
    } else if (HAS_DIGIT.test(token)) {
      identifierParts.push(token);
    } else {
      nameParts.push(token);
    }
  }

  const name = nameParts.join(' ').slice(0, MAX_NAME_LENGTH);
  const identifier = identifierParts.join('').slice(0, MAX_IDENTIFIER_LENGTH);
  const query: PatientQuery = {
    ...(name.length >= MIN_NAME_LENGTH ? { name } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(identifier ? { identifier } : {}),
  };
  return Object.keys(query).length > 0 ? query : null;
}
