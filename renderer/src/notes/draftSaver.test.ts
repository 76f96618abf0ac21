import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Outcome } from '../api/client';
import type { DraftView, NoteWriting } from '../api/types';
import { DraftSaver, flushOpenDrafts, type DraftIo, type DraftSaveReport } from './draftSaver';

type SaveReply = Outcome<{ draft: DraftView | null; persistent: boolean }>;

function writing(text: string): NoteWriting {
  return { noteTypeId: 'loinc|11506-3', title: 'Call', content: { kind: 'text', text } };
}

function savedAs(noteKey: string, note: NoteWriting): SaveReply {
  return { ok: true, value: { persistent: true, draft: { ...note, patientId: 'p1', noteKey, updatedAt: '2026-12-02T14:32:00.000Z' } } };
}

/** A fake of the two IPC calls whose replies the test releases one by one, as a slow main would. */
function controlledIo() {
  const saves: { note: NoteWriting; noteKey: string | undefined; reply: (r: SaveReply) => void }[] = [];
  const discards: { reply: () => void }[] = [];
  const io: DraftIo = {
    save: (note, noteKey) => new Promise((resolve) => saves.push({ note, noteKey, reply: resolve })),
    discard: () => new Promise((resolve) => discards.push({ reply: () => resolve({ ok: true, value: null }) })),
  };
  return { io, saves, discards };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('autosave of one patient’s note', () => {
  it('coalesces keystrokes into one save after the pause', async () => {
    const { io, saves } = controlledIo();
    const saver = new DraftSaver(io, () => undefined, { delayMs: 600 });
    saver.schedule(writing('a'));
    await vi.advanceTimersByTimeAsync(400);
    saver.schedule(writing('ab'));
    await vi.advanceTimersByTimeAsync(599);
    expect(saves).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves.map((s) => s.note)).toEqual([writing('ab')]);
  });

  it('keeps the key the first save returns and sends it with every later save', async () => {
    const { io, saves } = controlledIo();
    const reports: DraftSaveReport[] = [];
    const saver = new DraftSaver(io, (r) => reports.push(r), { delayMs: 600 });
    saver.schedule(writing('first'));
    await vi.advanceTimersByTimeAsync(600);
    saves[0]?.reply(savedAs('key-1', writing('first')));
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.noteKey).toBe('key-1');
    saver.schedule(writing('second'));
    await vi.advanceTimersByTimeAsync(600);
    expect(saves.map((s) => s.noteKey)).toEqual([undefined, 'key-1']);
    expect(reports[0]).toEqual({ kind: 'saved', updatedAt: '2026-12-02T14:32:00.000Z', persistent: true });
  });

  it('never has two saves in flight: the newer one waits, so it cannot be overtaken', async () => {
    const { io, saves } = controlledIo();
    const saver = new DraftSaver(io, () => undefined, { delayMs: 600 });
    saver.schedule(writing('old'));
    await vi.advanceTimersByTimeAsync(600);
    saver.schedule(writing('new'));
    await vi.advanceTimersByTimeAsync(600);
    expect(saves).toHaveLength(1);
    saves[0]?.reply(savedAs('key-1', writing('old')));
    await vi.advanceTimersByTimeAsync(0);
    expect(saves.map((s) => [s.note, s.noteKey])).toEqual([
      [writing('old'), undefined],
      [writing('new'), 'key-1'],
    ]);
  });

  it('writes the pending words at once when flushed, for the patient it was made for', async () => {
    const { io, saves } = controlledIo();
    const saver = new DraftSaver(io, () => undefined, { delayMs: 600 });
    saver.schedule(writing('last keystrokes'));
    const flushed = saver.flush();
    await Promise.resolve();
    expect(saves.map((s) => s.note)).toEqual([writing('last keystrokes')]);
    saves[0]?.reply(savedAs('key-1', writing('last keystrokes')));
    await flushed;
    // The timer was cleared: nothing is saved a second time later.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saves).toHaveLength(1);
  });

  it('drops pending words on cancel but waits for the save in flight, so a send knows the key', async () => {
    const { io, saves } = controlledIo();
    const saver = new DraftSaver(io, () => undefined, { delayMs: 600 });
    saver.schedule(writing('in flight'));
    await vi.advanceTimersByTimeAsync(600);
    saver.schedule(writing('pending'));
    let cancelled = false;
    const cancelling = saver.cancel().then(() => (cancelled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(cancelled).toBe(false);
    saves[0]?.reply(savedAs('key-1', writing('in flight')));
    await cancelling;
    expect(saver.noteKey).toBe('key-1');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saves).toHaveLength(1);
  });

  it('discards the draft instead of saving when every word was erased, and starts a new key after', async () => {
    const { io, saves, discards } = controlledIo();
    const reports: DraftSaveReport[] = [];
    const saver = new DraftSaver(io, (r) => reports.push(r), { delayMs: 600, noteKey: 'key-1' });
    saver.schedule({ ...writing('  '), title: '' });
    await vi.advanceTimersByTimeAsync(600);
    expect(saves).toHaveLength(0);
    discards[0]?.reply();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.noteKey).toBeUndefined();
    expect(reports).toEqual([{ kind: 'discarded' }]);
  });

  it('forgets the key when main says the note was already sent, and reports it', async () => {
    const { io, saves } = controlledIo();
    const reports: DraftSaveReport[] = [];
    const saver = new DraftSaver(io, (r) => reports.push(r), { delayMs: 600, noteKey: 'sent-key' });
    saver.schedule(writing('late'));
    await vi.advanceTimersByTimeAsync(600);
    saves[0]?.reply({ ok: true, value: { draft: null, persistent: true } });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.noteKey).toBeUndefined();
    expect(reports).toEqual([{ kind: 'already-sent' }]);
  });

  it('reports a failed save and keeps the key it had', async () => {
    const { io, saves } = controlledIo();
    const reports: DraftSaveReport[] = [];
    const saver = new DraftSaver(io, (r) => reports.push(r), { delayMs: 600, noteKey: 'key-1' });
    saver.schedule(writing('x'));
    await vi.advanceTimersByTimeAsync(600);
    saves[0]?.reply({ ok: false, error: { kind: 'auth', message: 'Sign in to write notes.' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(reports).toEqual([{ kind: 'failed', error: { kind: 'auth', message: 'Sign in to write notes.' } }]);
    expect(saver.noteKey).toBe('key-1');
  });
});

describe('signing out', () => {
  it('writes every open composer’s pending words at once, and none of a composer already closed', async () => {
    const first = controlledIo();
    const second = controlledIo();
    const closed = controlledIo();
    const a = new DraftSaver(first.io, () => undefined, { delayMs: 600 });
    const b = new DraftSaver(second.io, () => undefined, { delayMs: 600 });
    const c = new DraftSaver(closed.io, () => undefined, { delayMs: 600 });
    const closeA = a.open();
    const closeB = b.open();
    c.open()();
    a.schedule(writing('last words for A'));
    b.schedule(writing('last words for B'));
    c.schedule(writing('gone'));
    const flushing = flushOpenDrafts();
    await vi.advanceTimersByTimeAsync(0);
    expect(first.saves.map((s) => s.note)).toEqual([writing('last words for A')]);
    expect(second.saves.map((s) => s.note)).toEqual([writing('last words for B')]);
    expect(closed.saves).toHaveLength(0);
    first.saves[0]?.reply(savedAs('key-a', writing('last words for A')));
    second.saves[0]?.reply(savedAs('key-b', writing('last words for B')));
    await flushing;
    closeA();
    closeB();
    await c.cancel();
  });
});
