/**
 * Dates are plain `YYYY-MM-DD` strings in local time: a date of birth or a document date has no
 * time zone, and converting through UTC shifts it by a day for clinics west of Greenwich.
 */

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

export function toLocalIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole years between a `YYYY-MM-DD` birth date and `today`; undefined for an unusable date. */
export function ageInYears(birthDate: string, today: Date): number | undefined {
  if (!isCalendarDate(birthDate)) return undefined;
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - year;
  const beforeBirthday = today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One way of writing a calendar date everywhere on screen: "14 Mar 1978". Neither 03/14 nor 14/03
 * is safe in a clinic where both are in use; a month name cannot be misread.
 */
export function formatCalendarDate(isoDate: string): string {
  if (!isCalendarDate(isoDate.slice(0, 10))) return isoDate;
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * A time of day on the clinic's clock, 24-hour: "08:30". The workstation's locale would give
 * "08:30 AM" on one machine and "08 h 30" on the next, beside dates written another way (issue 8).
 */
export function formatClockTime(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** An instant (when something was filed) in local time: "2 Dec 2026, 14:03". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatCalendarDate(toLocalIsoDate(date))}, ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
