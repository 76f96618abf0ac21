import { describe, expect, it } from 'vitest';
import { isOpenableExternally } from './external-links.js';

describe('isOpenableExternally', () => {
  const emr = 'https://emr.example.org/fhir/R4';

  it('opens https pages of the configured EMR', () => {
    expect(isOpenableExternally('https://emr.example.org/chart/42', emr)).toBe(true);
  });

  it.each(['http://emr.example.org/chart/42', 'https://evil.example/', 'https://emr.example.org.evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])(
    'refuses %s',
    (url) => {
      expect(isOpenableExternally(url, emr)).toBe(false);
    },
  );
});
