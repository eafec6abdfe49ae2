import type { Json } from '../../domain/primitives.js';
import { saveClaim, unmanagedClaimsOfDebtor } from '../../store/claims.js';
import type { ServicingRequest } from './servicing-request.js';

/** A32: unmanaged claims of the account whose primaryDebtor is this debtor take its new version. */
export async function updateClaimsDebtor(ctx: ServicingRequest, accountReference: string, debtor: Json): Promise<void> {
  const rows = await unmanagedClaimsOfDebtor(ctx.uow.tx, ctx.tenantId, accountReference, String(debtor.debtorReference));
  for (const row of rows) {
    await saveClaim(ctx.uow.tx, ctx.tenantId, row.claimReference, { data: { ...row.data, primaryDebtor: debtor }, updatedAt: ctx.now });
    ctx.touchedClaims.add(row.claimReference);
  }
}
