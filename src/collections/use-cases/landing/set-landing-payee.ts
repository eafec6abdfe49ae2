import { electronicFormatIBAN } from 'ibantools';
import { recordAudit } from '../../../platform/audit/record.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { epcProblem } from '../../landing/epc-qr.js';
import { saveLandingPayee } from '../../landing/store.js';

export interface LandingPayeeInput {
  beneficiaryName: string;
  iban: string;
  bic?: string | null;
}

/** Sets the account debtors pay into from the landing page (IBAN mod-97 and BIC checked as the EPC QR code needs them); audited. */
export async function setLandingPayee(uow: UnitOfWork, input: LandingPayeeInput): Promise<Result<LandingPayeeInput, { field: string; message: string }>> {
  const problem = epcProblem({ ...input, amountMinor: 1, reference: 'RF00' });
  if (problem === 'name') return err({ field: 'beneficiaryName', message: 'beneficiaryName must be 1 to 70 characters' });
  if (problem === 'iban') return err({ field: 'iban', message: 'iban is not a valid IBAN (ISO 13616)' });
  if (problem === 'bic') return err({ field: 'bic', message: 'bic is not a valid BIC (ISO 9362)' });
  const payee = { beneficiaryName: input.beneficiaryName.trim(), iban: electronicFormatIBAN(input.iban) ?? input.iban, bic: input.bic ?? null };
  await saveLandingPayee(uow.tx, { tenantId: uow.tenant.id, ...payee, updatedAt: uow.now });
  await recordAudit(uow, { action: 'collections.set_landing_payee', entityType: 'tenant', entityId: uow.tenant.id, details: { iban: payee.iban } });
  return ok(payee);
}
