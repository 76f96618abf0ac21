import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../api/types';
import { PatientBanner } from './PatientBanner';
import { birthLine, PatientDetails } from './PatientDetails';

const patient = (overrides: Partial<PatientSummary> = {}): PatientSummary => ({
  id: 'pt-0001',
  displayName: "O'Brien, Siobhán",
  familyName: "O'Brien",
  givenNames: 'Siobhán',
  birthDate: '1978-03-14',
  identifiers: [{ label: 'MRN', value: 'MRN-000001' }],
  ...overrides,
});

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('patient facts in the banner and the lists', () => {
  it('writes the birth date as every other date on screen is written, with the age', () => {
    expect(birthLine(patient(), new Date(2026, 10, 19))).toBe('Born 14 Mar 1978 (48 y)');
  });

  it('shows "MRN-000001", not "MRN MRN-000001", in the banner and in every list', () => {
    for (const html of [renderToStaticMarkup(createElement(PatientBanner, { patient: patient() })), renderToStaticMarkup(createElement(PatientDetails, { patient: patient() }))]) {
      expect(text(html)).toContain('MRN-000001');
      expect(text(html)).not.toContain('MRN MRN');
      expect(text(html)).toContain('14 Mar 1978');
      expect(text(html)).not.toContain('1978-03-14');
    }
  });

  it('keeps the label before a value that does not carry it', () => {
    expect(text(renderToStaticMarkup(createElement(PatientDetails, { patient: patient({ identifiers: [{ label: 'PHN', value: '9876 543 210' }] }) })))).toContain('PHN 9876 543 210');
  });
});
