import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvent } from '../../../platform/events/append.js';
import type { StoredBlob } from '../../../platform/files/file-store.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { readAccountFacts, readClaimBalances } from '../../../servicing/api.js';
import { debtorRecordError, type DebtorRecordError } from '../../domain/debtor-record-errors.js';
import { FILE_UPLOADED } from '../../events.js';
import { insertFile } from '../../store/files.js';
import { itemFailed, itemSucceeded, type ItemOutcome } from '../support/item-results.js';

/*
 * #35 upload_files: a file already streamed into the content-addressed store is linked to the account named by
 * `accountId` and, when given, to one of its claims and products (spec proposals, A48: an unknown account, claim or
 * product is an item failure). The answer is keyed by accountId.
 */

export interface UploadedFile {
  accountId: string;
  documentType?: string;
  externalClaimRef?: string;
  productReference?: string;
  blob: StoredBlob;
  contentType: string;
  fileName: string;
}

async function checkLinks(uow: UnitOfWork, file: UploadedFile): Promise<DebtorRecordError | undefined> {
  const account = await readAccountFacts(uow.tx, uow.tenant.id, file.accountId);
  if (!account) return debtorRecordError('ACCOUNT_NOT_FOUND', `Account ${file.accountId} not found`);
  if (file.externalClaimRef !== undefined) {
    const claim = (await readClaimBalances(uow.tx, uow.tenant.id, [file.externalClaimRef])).get(file.externalClaimRef);
    if (!claim) return debtorRecordError('CLAIM_NOT_FOUND', `Claim ${file.externalClaimRef} not found`);
    if (claim.accountReference !== file.accountId) return debtorRecordError('CLAIM_NOT_ON_ACCOUNT', `Claim ${file.externalClaimRef} is not a claim of Account ${file.accountId}`);
  }
  if (file.productReference !== undefined && !account.productReferences.includes(file.productReference)) {
    return debtorRecordError('PRODUCT_NOT_ON_ACCOUNT', `Product ${file.productReference} is not a product of Account ${file.accountId}`);
  }
  return undefined;
}

/** Links a stored file to its account (and claim, product): its id, or why it is refused. Audited either way. */
export async function linkUploadedFile(uow: UnitOfWork, file: UploadedFile): Promise<Result<{ fileId: string }, DebtorRecordError>> {
  const refused = await checkLinks(uow, file);
  if (refused) {
    await recordAudit(uow, { action: 'collections.upload_files', entityType: 'file', entityId: 'refused', details: { accountId: file.accountId, refused: refused.code } });
    return err(refused);
  }
  const id = randomUUID();
  await insertFile(uow.tx, {
    tenantId: uow.tenant.id, id, sha256: file.blob.sha256, size: file.blob.size, contentType: file.contentType, fileName: file.fileName,
    accountReference: file.accountId, claimReference: file.externalClaimRef ?? null, productReference: file.productReference ?? null,
    documentType: file.documentType ?? null, createdAt: uow.now,
  });
  await appendEvent(uow, {
    type: FILE_UPLOADED, entityType: 'file', entityId: id,
    data: { fileId: id, accountReference: file.accountId, claimReference: file.externalClaimRef ?? null, documentType: file.documentType ?? null, size: file.blob.size, contentType: file.contentType },
  });
  await recordAudit(uow, { action: 'collections.upload_files', entityType: 'file', entityId: id, details: { sha256: file.blob.sha256, size: file.blob.size } });
  return ok({ fileId: id });
}

export async function uploadFile(uow: UnitOfWork, file: UploadedFile): Promise<Record<string, ItemOutcome>> {
  const linked = await linkUploadedFile(uow, file);
  return { [file.accountId]: linked.ok ? itemSucceeded() : itemFailed(linked.error) };
}
