function pad(value: number): string {
  return String(Math.abs(value)).padStart(2, '0');
}

/** `YYYY-MM-DD` in the machine's local time zone (clinics think in local days, not UTC). */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A FHIR instant with the machine's local UTC offset, e.g. `2025-03-01T09:30:00-05:00`. */
export function localInstant(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${localDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${offset}`;
}

/** Today at `hour:minute` local time. */
export function todayAt(hour: number, minute: number): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, minute, 0, 0);
}
