import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { ByteCounter, discard } from './byte-counter.js';

const chunks = () => Readable.from([Buffer.alloc(70_000), Buffer.alloc(30_000), Buffer.alloc(5)]);

describe('ByteCounter', () => {
  it('passes every byte through and tells each chunk with the running total', async () => {
    const seen: Array<[number, number]> = [];
    const out: Buffer[] = [];
    const counter = new ByteCounter((chunk, total) => seen.push([chunk.length, total]));

    await pipeline(chunks(), counter, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) out.push(chunk);
    });
    expect(counter.bytes).toBe(100_005);
    expect(Buffer.concat(out).length).toBe(100_005);
    expect(seen.at(-1)).toEqual([5, 100_005]);
    expect(seen.reduce((sum, [length]) => sum + length, 0)).toBe(100_005);
  });

  it('fails the pipeline with what the observer throws, before that chunk is passed on', async () => {
    const passed: number[] = [];
    const limit = new ByteCounter((_chunk, total) => {
      if (total > 80_000) throw new RangeError('over the limit');
    });

    await expect(pipeline(chunks(), limit, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) passed.push(chunk.length);
    })).rejects.toThrow(RangeError);
    expect(passed).toEqual([70_000]);
  });

  it('counts into a sink that keeps nothing', async () => {
    const counter = new ByteCounter();
    await pipeline(chunks(), counter, discard());
    expect(counter.bytes).toBe(100_005);
  });
});
