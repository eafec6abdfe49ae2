import { randomBytes } from 'node:crypto';
import type { Platform } from '../../../platform/services.js';
import { validIban } from '../../domain/mandates/mandate.js';
import { createAccountMandates } from '../mandates/create-account-mandates.js';
import { withVerifiedSession } from './landing-link.js';
import { readLandingAccount } from './read-landing-account.js';

export interface PageMandateInput {
  accountHolder: string;
  iban: string;
  consent: boolean;
  clientIpAddress?: string;
}

export type PageMandateOutcome =
  | { kind: 'created'; mandateId: string }
  | { kind: 'invalid'; field: 'accountHolder' | 'iban' | 'consent' }
  | { kind: 'refused'; message: string };

/** What is wrong with the form before anything is written: the holder, the IBAN (ISO 13616 mod-97), the consent. */
export function pageMandateProblem(input: PageMandateInput): 'accountHolder' | 'iban' | 'consent' | null {
  const holder = input.accountHolder.trim();
  if (holder === '' || holder.length > 70) return 'accountHolder';
  if (validIban(input.iban) === undefined) return 'iban';
  return input.consent ? null : 'consent';
}

/**
 * The debtor sets up a SEPA direct-debit mandate (provider `trustly`, a bank mandate) on the link's account: the same
 * create_account_mandates use case as #32, for the account's debtor, with a new mandate reference `LP-…`. Null when
 * the visitor has no session on an open link.
 */
export async function setUpMandateOnPage(
  platform: Platform, token: string, sessionValue: string | undefined, input: PageMandateInput,
): Promise<PageMandateOutcome | null> {
  const problem = pageMandateProblem(input);
  if (problem) return { kind: 'invalid', field: problem };
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    const account = await readLandingAccount(uow.tx, link);
    const debtorReference = account?.debtor?.debtorReference;
    if (link.accountReference === null || typeof debtorReference !== 'string') return { kind: 'refused', message: 'The account has no debtor to hold a mandate' };
    const mandateId = `LP-${randomBytes(9).toString('hex').toUpperCase()}`;
    const results = await createAccountMandates(uow, [{
      mandateId, accountReference: link.accountReference, providerName: 'trustly', debtorReference, productReferences: [],
      mandateRepresentation: { accountHolder: input.accountHolder.trim(), accountNumber: validIban(input.iban) },
      ...(input.clientIpAddress ? { clientIpAddress: input.clientIpAddress } : {}),
    }]);
    const outcome = results[link.accountReference];
    return outcome?.success ? { kind: 'created', mandateId } : { kind: 'refused', message: outcome?.messages.join(' ') ?? '' };
  });
}
