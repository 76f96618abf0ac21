import { describe, expect, it } from 'vitest';
import { ageInYears, formatCalendarDate, formatClockTime, isCalendarDate } from './dates';

describe('dates', () => {
  it('knows leap days', () => {
    expect(isCalendarDate('1980-02-29')).toBe(true);
    expect(isCalendarDate('1981-02-29')).toBe(false);
  });

  it('counts age in whole years, turning on the birthday', () => {
    expect(ageInYears('1980-03-05', new Date(2024, 2, 4))).toBe(43);
    expect(ageInYears('1980-03-05', new Date(2024, 2, 5))).toBe(44);
  });

  it('has no age for a birth date in the future', () => {
    expect(ageInYears('2030-01-01', new Date(2024, 0, 1))).toBeUndefined();
  });

  it('writes every calendar date one unambiguous way, with the month as a word', () => {
    expect(formatCalendarDate('1978-03-14')).toBe('14 Mar 1978');
    expect(formatCalendarDate('2026-11-19')).toBe('19 Nov 2026');
    expect(formatCalendarDate('2026-11-02T09:00:00-05:00')).toBe('2 Nov 2026');
    expect(formatCalendarDate('not a date')).toBe('not a date');
  });

  it('writes a time of day on a 24-hour clock, whatever the locale', () => {
    expect(formatClockTime(new Date(2026, 10, 19, 8, 30).toISOString())).toBe('08:30');
    expect(formatClockTime(new Date(2026, 10, 19, 16, 5).toISOString())).toBe('16:05');
    expect(formatClockTime('soon')).toBe('soon');
  });
});
