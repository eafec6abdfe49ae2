import { describe, expect, it } from 'vitest';
import { MAX_TRANSACTION_ATTEMPTS, retryOnConflict } from '../../src/platform/db/retry-on-conflict.js';

function failing(codes: (string | undefined)[]) {
  let calls = 0;
  return {
    run: async () => {
      const code = codes[calls++];
      if (code === undefined) return 'done';
      throw Object.assign(new Error('query failed'), { cause: Object.assign(new Error('pg error'), { code }) });
    },
    calls: () => calls,
  };
}

describe('retryOnConflict', () => {
  it('runs a transaction again after a deadlock or serialisation failure', async () => {
    const task = failing(['40P01', '40001']);
    expect(await retryOnConflict(task.run)).toBe('done');
    expect(task.calls()).toBe(3);
  });

  it('gives up after the attempt limit', async () => {
    const task = failing(Array.from({ length: MAX_TRANSACTION_ATTEMPTS + 1 }, () => '40P01'));
    await expect(retryOnConflict(task.run)).rejects.toThrow('query failed');
    expect(task.calls()).toBe(MAX_TRANSACTION_ATTEMPTS);
  });

  it('never retries other errors', async () => {
    const task = failing(['23505']);
    await expect(retryOnConflict(task.run)).rejects.toThrow('query failed');
    expect(task.calls()).toBe(1);
    await expect(retryOnConflict(async () => { throw new Error('plain'); })).rejects.toThrow('plain');
  });
});
