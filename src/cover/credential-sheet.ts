import type { CredentialSheetSection } from '../platform/module.js';
import type { TenantPortfolio } from './use-cases/set-up-new-tenant.js';

/** The credential sheet's `creditInsurance` key: the ids the Cover and Non-Payments clients send. */
export function creditInsuranceSheetSection(portfolio: TenantPortfolio): CredentialSheetSection {
  const facts = {
    customers: portfolio.customers,
    ...(portfolio.customers.length === 0 ? { setUp: 'No policyholder yet: staff create one with `tradecredit customer create` and its policies with `tradecredit policy create`.' } : {}),
  };
  const bannerLines = portfolio.customers.map((customer) =>
    `Cover + Non-Payments ids: customerId ${customer.customerId} (${customer.name}), policyId ${customer.policyIds.join(', ') || '(none yet)'}`);
  return { key: 'creditInsurance', facts, bannerLines };
}
