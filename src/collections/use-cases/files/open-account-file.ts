import type { Readable } from 'node:stream';
import type { Executor } from '../../../platform/db/database.js';
import type { FileStore } from '../../../platform/files/file-store.js';
import { findFile, type FileRow } from '../../store/files.js';

/*
 * A stored file for its own account only: the metadata row is looked up by tenant and id, and its account (and
 * claim, when the reader is scoped to one) must be the reader's, so a file is never served to another tenant or to
 * another debtor. Anything else is answered as not found.
 */
export async function openAccountFile(
  db: Executor, store: FileStore, tenantId: string, fileId: string, reader: { accountReference: string; claimReference?: string },
): Promise<{ file: FileRow; stream: Readable } | undefined> {
  const file = await findFile(db, tenantId, fileId);
  if (!file || file.accountReference !== reader.accountReference) return undefined;
  if (reader.claimReference !== undefined && file.claimReference !== null && file.claimReference !== reader.claimReference) return undefined;
  const stream = await store.open(file.sha256);
  return stream ? { file, stream } : undefined;
}
