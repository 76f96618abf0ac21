import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet, sendRaw } from '../../tests/support/raw-http.js';
import { LoopbackListener } from './loopback-listener.js';

const open: LoopbackListener[] = [];
async function listener(port = 0): Promise<LoopbackListener> {
  const l = await LoopbackListener.open({ path: '/chartdrop/callback', port });
  open.push(l);
  return l;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
});

describe('LoopbackListener', () => {
  it('binds the literal 127.0.0.1 on an ephemeral port with the profile’s fixed path', async () => {
    const l = await listener();
    expect(l.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chartdrop\/callback$/);
  });

  it('answers on 127.0.0.1 only: not on ::1, not on the machine’s network addresses', async () => {
    const l = await listener();
    const { port } = new URL(l.redirectUri);
    const lanAddresses = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => (address?.family === 'IPv6' ? `[${address.address}]` : address?.address));
    for (const host of ['[::1]', ...lanAddresses]) {
      await expect(fetch(`http://${host}:${port}/chartdrop/callback`), host).rejects.toThrow();
    }
    expect((await fetch(`http://127.0.0.1:${port}/chartdrop/callback`)).status).toBe(400);
  });

  it('listens on the profile’s fixed port when one is given', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    expect((await listener(port)).redirectUri).toBe(`http://127.0.0.1:${port}/chartdrop/callback`);
  });

  it('answers only GET', async () => {
    const l = await listener();
    void l.waitForCallback('s', 5000).catch(() => undefined);
    expect((await fetch(`${l.redirectUri}?code=x&state=s`, { method: 'POST' })).status).toBe(405);
  });

  it('closes once the browser has read the no-store result page', async () => {
    const l = await listener();
    const waiting = l.waitForCallback('s', 5000);
    const answer = fetch(`${l.redirectUri}?code=1&state=s`, { redirect: 'manual' });
    (await waiting).respond({ ok: false, message: 'The sign-in answer failed a security check.' });
    const done = await fetch(new URL((await answer).headers.get('location') ?? '', l.redirectUri));
    expect(done.headers.get('cache-control')).toBe('no-store');
    expect(await done.text()).toContain('The sign-in answer failed a security check.');
    await expect(fetch(`${l.redirectUri}?code=2&state=s`)).rejects.toThrow();
  });

  it('ends a pending wait when it is closed, instead of leaving it to time out', async () => {
    const l = await listener();
    const waiting = l.waitForCallback('s', 60_000);
    await l.close();
    await expect(waiting).rejects.toMatchObject({ kind: 'auth' });
  });

  it('refuses a wrong or missing state and another path without ending the wait, then takes the genuine callback', async () => {
    const l = await listener();
    const waiting = l.waitForCallback('good-state', 5000);
    expect((await fetch(`${l.redirectUri}?code=x&state=forged`)).status).toBe(400);
    expect((await fetch(`${l.redirectUri}?code=x`)).status).toBe(400);
    expect((await fetch(l.redirectUri.replace('/callback', '/other') + '?state=good-state')).status).toBe(404);
    const genuine = fetch(`${l.redirectUri}?code=abc&state=good-state`, { redirect: 'manual' });
    const callback = await waiting;
    expect(callback.url.searchParams.get('code')).toBe('abc');
    callback.respond({ ok: true });
    const answer = await genuine;
    expect(answer.status).toBe(303);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const done = await fetch(new URL(answer.headers.get('location') ?? '', l.redirectUri));
    expect(await done.text()).toContain('You can close this tab');
  });

  it('refuses a second callback after the first was accepted', async () => {
    const l = await listener();
    const waiting = l.waitForCallback('s', 5000);
    const first = fetch(`${l.redirectUri}?code=1&state=s`, { redirect: 'manual' });
    const callback = await waiting;
    const second = await fetch(`${l.redirectUri}?code=2&state=s`);
    expect(second.status).toBe(409);
    callback.respond({ ok: false, message: 'nope' });
    expect((await first).status).toBe(303);
  });

  it('times out with an auth error and releases the port', async () => {
    const l = await listener();
    await expect(l.waitForCallback('s', 50)).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('too long') });
    await expect(fetch(l.redirectUri)).rejects.toThrow();
  });

  it('can be cancelled by the app', async () => {
    const l = await listener();
    const abort = new AbortController();
    const waiting = l.waitForCallback('s', 5000, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'auth', message: 'Sign-in was cancelled.' });
  });

  it('fails clearly when the profile’s fixed port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(listener(port)).rejects.toMatchObject({ kind: 'validation', field: 'redirect.port' });
    } finally {
      blocker.close();
    }
  });

  describe('requests that are not the callback', () => {
    const portOf = (l: LoopbackListener) => Number(new URL(l.redirectUri).port);

    /** The genuine callback still completes, so nothing before it ended or consumed the wait. */
    async function expectGenuineCallbackStillWorks(l: LoopbackListener, waiting: Promise<{ url: URL; respond(outcome: { ok: true }): void }>) {
      const genuine = fetch(`${l.redirectUri}?code=abc&state=s`, { redirect: 'manual' });
      const callback = await waiting;
      expect(callback.url.searchParams.get('code')).toBe('abc');
      callback.respond({ ok: true });
      const done = await fetch(new URL((await genuine).headers.get('location') ?? '', l.redirectUri));
      expect(await done.text()).toContain('You can close this tab');
    }

    // `new URL()` throws on these; any local process can send them.
    it.each(['//[', 'http://[::1', '//[::1/chartdrop/callback?state=s', '*'])('answers 400 to the request target %s and keeps waiting', async (target) => {
      const l = await listener();
      const waiting = l.waitForCallback('s', 5000);
      const port = portOf(l);

      expect((await sendRaw(port, rawGet(target, `127.0.0.1:${port}`))).status).toBe(400);
      await expectGenuineCallbackStillWorks(l, waiting);
    });

    it.each(['evil.example:{port}', 'localhost:{port}', '127.0.0.1', '127.0.0.1:{port}.evil.example', '[::1]:{port}'])(
      'refuses the Host %s, even with the right state, and keeps waiting',
      async (hostTemplate) => {
        const l = await listener();
        const waiting = l.waitForCallback('s', 5000);
        const port = portOf(l);

        const answer = await sendRaw(port, rawGet('/chartdrop/callback?code=forged&state=s', hostTemplate.replace('{port}', String(port))));
        expect(answer.status).toBe(400);
        await expectGenuineCallbackStillWorks(l, waiting);
      },
    );

    it('refuses a request with no Host at all', async () => {
      const l = await listener();
      void l.waitForCallback('s', 5000).catch(() => undefined);
      const answer = await sendRaw(portOf(l), 'GET /chartdrop/callback?code=x&state=s HTTP/1.0\r\n\r\n');
      expect(answer.status).toBe(400);
    });

    it('serves the result page only to the redirect it gave, so a blind GET cannot take it or close the listener', async () => {
      const l = await listener();
      const waiting = l.waitForCallback('s', 5000);
      const genuine = fetch(`${l.redirectUri}?code=abc&state=s`, { redirect: 'manual' });
      (await waiting).respond({ ok: true });
      const location = (await genuine).headers.get('location') ?? '';
      const resultPage = new URL(location, l.redirectUri);

      // What a page on any site can send without reading the answer: the path, without the nonce.
      for (const blind of [`${l.redirectUri}/done`, `${l.redirectUri}/done?n=guess`, `${resultPage.origin}${resultPage.pathname}`]) {
        const answer = await fetch(blind);
        expect(answer.status, blind).toBe(404);
        expect(await answer.text()).not.toContain('signed in');
      }
      expect(resultPage.search).toMatch(/^\?n=[A-Za-z0-9_-]{22,}$/);
      const done = await fetch(resultPage);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain('You are signed in to ChartDrop');
    });

    it('gives each sign-in attempt its own result-page nonce', async () => {
      const locations: string[] = [];
      for (let attempt = 0; attempt < 2; attempt++) {
        const l = await listener();
        const waiting = l.waitForCallback('s', 5000);
        const genuine = fetch(`${l.redirectUri}?code=abc&state=s`, { redirect: 'manual' });
        (await waiting).respond({ ok: true });
        locations.push(new URL((await genuine).headers.get('location') ?? '', l.redirectUri).search);
      }
      expect(locations[0]).not.toBe(locations[1]);
    });
  });
});
