// Property: joinedUtf8 gives exactly the UTF-8 bytes of open + pieces.join(separator) + close, for no pieces, one
// and many, and text outside ASCII (two-byte and astral characters; JSON texts with lone surrogates, which
// JSON.stringify escapes); sendJsonListTexts answers the bytes of JSON.stringify of the list from reused buffers.
import net from 'node:net';
import fc from 'fast-check';
import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { AnswerBuffers, joinedUtf8, sendJsonListTexts } from '../../src/platform/http/json-bytes.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('Åbo Öl', '東京', '😀', '\ud800', '"\\\n\u0000'));
const item = fc.oneof(
  fc.record({ coverId: fc.integer(), buyerName: fc.option(text), amount: fc.string(), nested: fc.array(fc.record({ code: text })) }),
  text,
  fc.integer(),
  fc.constant(null),
);
/** Well-formed text: no lone surrogate that a neighbouring piece could pair with once joined. */
const wellFormed = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('Åbo Öl', '東京', '😀', '"\\\n\u0000'));

it('encodes the joined text byte for byte', () => {
  fc.assert(fc.property(wellFormed, fc.array(wellFormed, { maxLength: 40 }), fc.constantFrom(',', ', ', ''), wellFormed, (open, pieces, separator, close) => {
    const expected = Buffer.from(open + pieces.join(separator) + close);
    expect(joinedUtf8(open, pieces, separator, close).equals(expected)).toBe(true);
  }), { numRuns: 300 });
});

it('renders a list of JSON texts as the JSON of the list', () => {
  fc.assert(fc.property(fc.array(item, { maxLength: 80 }), (items) => {
    const texts = items.map((value) => JSON.stringify(value));
    expect(joinedUtf8('{"data":[', texts, ',', ']}').equals(Buffer.from(JSON.stringify({ data: items })))).toBe(true);
  }), { numRuns: 200 });
});

describe('AnswerBuffers', () => {
  it('hands out a free buffer big enough, else a new one rounded up to 64 KiB, and keeps at most its limits free', () => {
    const buffers = new AnswerBuffers(256 * 1024, 300 * 1024);
    const small = buffers.acquire(100);
    expect(small.length).toBe(64 * 1024);
    const large = buffers.acquire(133_000);
    expect(large.length).toBe(192 * 1024);
    buffers.release(small);
    buffers.release(large);
    expect(buffers.freeCount).toBe(2);
    expect(buffers.acquire(70_000)).toBe(large);
    expect(buffers.acquire(70_000)).not.toBe(small);
    expect(buffers.acquire(10)).toBe(small);
    buffers.release(buffers.acquire(300 * 1024));
    expect(buffers.freeCount).toBe(0);
    buffers.release(Buffer.alloc(200 * 1024));
    buffers.release(Buffer.alloc(200 * 1024));
    expect(buffers.freeCount).toBe(1);
  });
});

describe('sendJsonListTexts', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ coverId: i, name: i % 3 ? 'Ærø "x"' : '😀\ud800', amount: String(i * 1000) }));
  const texts = items.map((value) => JSON.stringify(value));

  it('answers the bytes of JSON.stringify of the whole list, and reuses the buffer once an answer is written out', async () => {
    const buffers = new AnswerBuffers();
    const acquire = vi.spyOn(buffers, 'acquire');
    const app = Fastify();
    app.get('/list', (_request, reply) => sendJsonListTexts(reply, 'data', texts, { meta: { page: 2, totalItems: 60 } }, buffers));
    app.get('/empty', (_request, reply) => sendJsonListTexts(reply, 'data', [], {}, buffers));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (let round = 0; round < 3; round += 1) {
        const answer = await fetch(`${url}/list`);
        expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(Buffer.from(await answer.arrayBuffer()).equals(Buffer.from(JSON.stringify({ data: items, meta: { page: 2, totalItems: 60 } })))).toBe(true);
        expect(buffers.freeCount).toBe(1);
      }
      expect(await (await fetch(`${url}/empty`)).text()).toBe('{"data":[]}');
      const handedOut = acquire.mock.results.map((result) => result.value as Buffer);
      expect(new Set(handedOut).size).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('does not take back a buffer while its answer is still being written (a client not reading)', async () => {
    const buffers = new AnswerBuffers(64 * 1024 * 1024, 64 * 1024 * 1024);
    const app = Fastify();
    const many = Array.from({ length: 300_000 }, () => texts[1]!);
    let sent!: () => void;
    const handled = new Promise<void>((resolve) => { sent = resolve; });
    app.get('/large', (_request, reply) => {
      const answer = sendJsonListTexts(reply, 'data', many, {}, buffers);
      sent();
      return answer;
    });
    const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const socket = net.connect(Number(url.port), url.hostname);
    try {
      // 12 MB: more than the sockets' buffers take while the client reads nothing, so the write stays pending.
      socket.pause();
      socket.write(`GET /large HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`);
      await handled;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(buffers.freeCount).toBe(0);
      // Once the client reads it all, the answer is finished and its buffer free again.
      let received = 0;
      socket.on('data', (chunk: Buffer) => { received += chunk.length; });
      socket.resume();
      await vi.waitFor(() => expect(buffers.freeCount).toBe(1), { timeout: 10_000 });
      expect(received).toBeGreaterThan(12_000_000);
    } finally {
      socket.destroy();
      await app.close();
    }
  });
});
