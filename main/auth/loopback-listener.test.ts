import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
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
});
