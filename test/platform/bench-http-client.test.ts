// The benches' load-generator client (bench/_http-client.ts): bodies of any size come out whole through its reused
// per-connection buffer, and a response's text read after its connection began the next one throws rather than
// answering the other response's bytes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { benchHttpClient } from '../../bench/_http-client.js';

let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((request, reply) => {
    const size = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('size'));
    const body = Buffer.from(Array.from({ length: size }, (_, i) => (i % 7 === 0 ? 'Å' : String.fromCharCode(97 + (i % 26)))).join(''));
    reply.writeHead(size % 2 ? 201 : 200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
    reply.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const expected = (size: number) => Array.from({ length: size }, (_, i) => (i % 7 === 0 ? 'Å' : String.fromCharCode(97 + (i % 26)))).join('');

it('answers every body whole, small after large and large after small, on shared connections', async () => {
  const client = benchHttpClient(url, 2);
  try {
    const sizes = [0, 10, 200_000, 5, 70_000, 300_000, 1, 64 * 1024];
    const answers = await Promise.all(sizes.map(async (size) => {
      const response = await client.request('GET', `/?size=${size}`, {});
      return { size, status: response.status, text: response.text };
    }));
    for (const { size, status, text } of answers) {
      expect(status).toBe(size % 2 ? 201 : 200);
      expect(text).toBe(expected(size));
    }
  } finally {
    client.close();
  }
});

it('refuses a text read after its connection began to receive the next response', async () => {
  const client = benchHttpClient(url, 1);
  try {
    const first = await client.request('GET', '/?size=100', {});
    const second = await client.request('GET', '/?size=50', {});
    expect(second.text).toBe(expected(50));
    expect(() => first.text).toThrow(/next one/);
  } finally {
    client.close();
  }
});
