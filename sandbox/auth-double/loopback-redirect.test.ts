import { describe, expect, it } from 'vitest';
import { loopbackRedirectMatches } from './loopback-redirect.js';

const league = { hosts: ['127.0.0.1', '[::1]'], onlyWhenRegisteredWithoutPort: false };
const okta = { hosts: ['127.0.0.1'], onlyWhenRegisteredWithoutPort: true };

describe('loopbackRedirectMatches', () => {
  it('ignores the port for loopback IP literals only, never for localhost', () => {
    expect(loopbackRedirectMatches('http://127.0.0.1/cb', 'http://127.0.0.1:5123/cb', league)).toBe(true);
    expect(loopbackRedirectMatches('http://[::1]:80/cb', 'http://[::1]:5123/cb', league)).toBe(true);
    expect(loopbackRedirectMatches('http://localhost/cb', 'http://localhost:5123/cb', league)).toBe(false);
    expect(loopbackRedirectMatches('http://127.0.0.1/cb', 'http://127.0.0.1:5123/other', league)).toBe(false);
  });

  it('lets an Okta-style server ignore the port only when none was registered, and only on 127.0.0.1', () => {
    expect(loopbackRedirectMatches('http://127.0.0.1/cb', 'http://127.0.0.1:5123/cb', okta)).toBe(true);
    expect(loopbackRedirectMatches('http://127.0.0.1:8765/cb', 'http://127.0.0.1:5123/cb', okta)).toBe(false);
    expect(loopbackRedirectMatches('http://127.0.0.1:8765/cb', 'http://127.0.0.1:8765/cb', okta)).toBe(true);
    expect(loopbackRedirectMatches('http://[::1]/cb', 'http://[::1]:5123/cb', okta)).toBe(false);
  });
});
