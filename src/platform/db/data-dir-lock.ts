import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../clock.js';

/**
 * PGlite has no lock between processes, so the process that opens `DATA_DIR` takes `DATA_DIR/service.lock`
 * (created with O_EXCL, like PostgreSQL's postmaster.pid). A lock whose process is gone is taken over.
 * The file also tells the CLI where the owning server listens, so the CLI can ask it instead of opening the files.
 */
export interface LockOwner {
  pid: number;
  startedAt: string;
  /** Set once the server listens: the loopback URL and the one-time admin secret the CLI uses to reach it. */
  adminUrl?: string;
  adminSecret?: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Tradecredit process (pid ${owner.pid}, started ${owner.startedAt}). ` +
        'Only one process may own an embedded database; stop that process first, or run several processes against PostgreSQL (DATABASE_URL).',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  update(owner: Partial<LockOwner>): void;
  release(): void;
}

/** Lock files this process holds; a file naming our pid that is not here was left by an earlier process (pid reuse in containers). */
const heldByThisProcess = new Set<string>();

export function lockFilePath(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'service.lock');
}

export function readLockOwner(dataDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockFilePath(dataDir), 'utf8')) as LockOwner;
    return isAlive(owner.pid) ? owner : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(path.resolve(dataDir), { recursive: true });
  const file = lockFilePath(dataDir);
  let owner: LockOwner = { pid: process.pid, startedAt: systemClock.now().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      heldByThisProcess.add(file);
      return {
        file,
        update(changes) {
          owner = { ...owner, ...changes };
          // Write beside and rename, so a reader never sees half a file.
          const temporary = `${file}.${process.pid}.tmp`;
          writeFileSync(temporary, JSON.stringify(owner), { mode: 0o600 });
          renameSync(temporary, file);
        },
        release() {
          if (!heldByThisProcess.delete(file)) return;
          if (readOwnerUnchecked(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = readOwnerUnchecked(file);
      const ownedHere = existing?.pid === process.pid && heldByThisProcess.has(file);
      const ownedElsewhere = existing !== undefined && existing.pid !== process.pid && isAlive(existing.pid);
      if (existing && (ownedHere || ownedElsewhere)) {
        throw new DataDirLockedError(path.resolve(dataDir), existing);
      }
      // The owner died without cleaning up (or wrote nothing): the lock is stale.
      unlinkSync(file);
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

function readOwnerUnchecked(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
