import type { Readable } from 'node:stream';

/*
 * Content-addressed file storage: a file is stored once under the sha256 of its bytes, whoever uploads it. The
 * store knows nothing of tenants or owners; the module that keeps a file's metadata decides who may open it. The
 * disk store (disk-file-store.ts) is the default; an S3-compatible store would implement the same interface.
 */

export interface StoredBlob {
  /** Lower-case hex sha256 of the bytes. */
  sha256: string;
  size: number;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export interface FileStore {
  /**
   * Streams `source` into the store, hashing as it goes, never holding the whole file in memory. Refuses with
   * FileTooLargeError (and keeps nothing) once more than `maxBytes` arrived.
   */
  put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob>;
  /** A stream of the stored bytes, or undefined when no file has that hash. */
  open(sha256: string): Promise<Readable | undefined>;
}
