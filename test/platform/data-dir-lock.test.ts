import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockFilePath, readLockOwner } from '../../src/platform/db/data-dir-lock.js';

describe('data directory lock', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tc-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is exclusive within a process too, and free again once released', () => {
    const dir = fresh();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
    acquireDataDirLock(dir).release();
  });

  it('is private to the owner and tells the CLI where the server listens', () => {
    const dir = fresh();
    const lock = acquireDataDirLock(dir);
    expect(statSync(lockFilePath(dir)).mode & 0o777).toBe(0o600);
    lock.update({ adminUrl: 'http://127.0.0.1:1234', adminSecret: 's' });
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, adminUrl: 'http://127.0.0.1:1234', adminSecret: 's' });
    lock.release();
    expect(readLockOwner(dir)).toBeUndefined();
  });

  it('takes over a lock left by a dead process or an unreadable one', () => {
    const dir = fresh();
    writeFileSync(lockFilePath(dir), JSON.stringify({ pid: 2_147_483_000, startedAt: 'then' }));
    expect(readLockOwner(dir)).toBeUndefined();
    const lock = acquireDataDirLock(dir);
    expect(JSON.parse(readFileSync(lockFilePath(dir), 'utf8')).pid).toBe(process.pid);
    lock.release();
    writeFileSync(lockFilePath(dir), 'garbage');
    acquireDataDirLock(dir).release();
  });
});
