import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError, type FileStore, type StoredBlob } from './file-store.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Files on disk under `<root>/<aa>/<bb>/<sha256>`: each upload streams to a temporary file in `<root>/tmp` while
 * its hash is computed, then is renamed into place (atomic on one file system); a file already stored is kept and
 * the duplicate dropped.
 */
export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > options.maxBytes) return done(new FileTooLargeError(options.maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.pathOf(sha256);
    await mkdir(join(target, '..'), { recursive: true });
    if (await exists(target)) await rm(tmp, { force: true });
    else await rename(tmp, target);
    return { sha256, size };
  }

  async open(sha256: string): Promise<Readable | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const path = this.pathOf(sha256);
    return (await exists(path)) ? createReadStream(path) : undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
