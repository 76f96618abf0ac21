import { describe, expect, it } from 'vitest';
import { ageInYears, isCalendarDate } from './dates';

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
});
