// Decision: the differences between Reinsure and Insure (spec §7) are data: which client actions exist, whether the
// seller must sign a policy, whether a sign link is shown, and whether `claim` covers bankruptcy.
export const PRODUCTS = ['reinsure', 'insure'] as const;
export type Product = (typeof PRODUCTS)[number];

export const CLIENT_ACTIONS = ['activate', 'sign_and_activate', 'reject', 'settle', 'claim', 'bankruptcy_claim'] as const;
export type ClientAction = (typeof CLIENT_ACTIONS)[number];

export interface ProductRules {
  readonly apiBasePath: string;
  /** Who holds the policy (spec §7). */
  readonly policyHolder: 'api_client' | 'seller';
  /** The seller must have signed the current policy version before a cover can be activated. */
  readonly policySigning: boolean;
  readonly clientActions: readonly ClientAction[];
  /** `claim` also covers bankruptcy (Insure); Reinsure has a separate `bankruptcy_claim` action. */
  readonly claimCoversBankruptcy: boolean;
}

export const PRODUCT_RULES: Readonly<Record<Product, ProductRules>> = {
  reinsure: {
    apiBasePath: '/api/reinsure/v2',
    policyHolder: 'api_client',
    policySigning: false,
    clientActions: ['activate', 'reject', 'settle', 'claim', 'bankruptcy_claim'],
    claimCoversBankruptcy: false,
  },
  insure: {
    apiBasePath: '/api/insure/v2',
    policyHolder: 'seller',
    policySigning: true,
    clientActions: ['activate', 'sign_and_activate', 'reject', 'settle', 'claim'],
    claimCoversBankruptcy: true,
  },
};

export function productOffers(product: Product, action: ClientAction): boolean {
  return PRODUCT_RULES[product].clientActions.includes(action);
}

/** A product without policy signing treats every seller as signed. */
export function sellerCountsAsSigned(product: Product, sellerSigned: boolean): boolean {
  return !PRODUCT_RULES[product].policySigning || sellerSigned;
}
