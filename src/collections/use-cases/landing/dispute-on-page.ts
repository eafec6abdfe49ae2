import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvent } from '../../../platform/events/append.js';
import type { StoredBlob } from '../../../platform/files/file-store.js';
import type { Platform } from '../../../platform/services.js';
import { DISPUTE_OPENED } from '../../landing/events.js';
import { insertLandingDispute } from '../../landing/store.js';
import { linkUploadedFile } from '../files/upload-file.js';
import { withVerifiedSession } from './landing-link.js';
import { readLandingAccount } from './read-landing-account.js';

export const MAX_DISPUTE_REASON_CHARS = 2000;

export interface PageDisputeInput {
  claimReference: string;
  reason: string;
  /** The document, already streamed into the file store. */
  file?: { blob: StoredBlob; contentType: string; fileName: string };
}

export type PageDisputeOutcome = { kind: 'opened'; disputeId: string } | { kind: 'invalid'; field: 'claim' | 'reason' | 'file' };

/**
 * The debtor disputes a claim of the link's account with a reason and, optionally, a document: the document is
 * linked to the account and claim by the same use case as upload_files (#35, document type `dispute`), the dispute
 * is stored open and `dispute.opened` appended. While it is open, the claim's journey holds its messages
 * (debtorCommitmentFacts → disputeOpen). Null when the visitor has no session.
 */
export async function disputeOnPage(
  platform: Platform, token: string, sessionValue: string | undefined, input: PageDisputeInput,
): Promise<PageDisputeOutcome | null> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > MAX_DISPUTE_REASON_CHARS) return { kind: 'invalid', field: 'reason' };
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    const claim = (await readLandingAccount(uow.tx, link))?.claims.find((candidate) => candidate.claimReference === input.claimReference);
    if (!claim) return { kind: 'invalid', field: 'claim' };
    let fileId: string | null = null;
    if (input.file) {
      if (claim.accountReference === null) return { kind: 'invalid', field: 'file' };
      const linked = await linkUploadedFile(uow, {
        accountId: claim.accountReference, externalClaimRef: claim.claimReference, documentType: 'dispute', ...input.file,
      });
      if (!linked.ok) return { kind: 'invalid', field: 'file' };
      fileId = linked.value.fileId;
    }
    const id = randomUUID();
    await insertLandingDispute(uow.tx, {
      tenantId: uow.tenant.id, id, linkId: link.id, claimReference: claim.claimReference, accountReference: claim.accountReference,
      reason, fileId, status: 'open', createdAt: uow.now,
    });
    await appendEvent(uow, {
      type: DISPUTE_OPENED, entityType: 'claim', entityId: claim.claimReference,
      data: { disputeId: id, claimReference: claim.claimReference, accountReference: claim.accountReference, fileId },
    });
    await recordAudit(uow, { action: 'collections.open_dispute', entityType: 'claim', entityId: claim.claimReference, details: { disputeId: id, fileId } });
    return { kind: 'opened', disputeId: id };
  });
}
