// Decision: listings follow spec §6.3 exactly; an unsigned Insure seller sees `sign_and_activate` instead of
// `activate` (§9-9) and `bankruptcy_claim` is listed only when LIST_BANKRUPTCY_ACTION is on (§9-7).
import { type ClientAction, PRODUCT_RULES, type Product, productOffers, sellerCountsAsSigned } from './products.js';
import type { QuoteStatus } from './quote-state.js';

type ListingCondition = 'seller_signed' | 'seller_unsigned' | 'bankruptcy_listed';

interface ListedAction {
  readonly action: ClientAction;
  readonly when: ListingCondition | null;
}

const listed = (action: ClientAction, when: ListingCondition | null = null): ListedAction => ({ action, when });

/** Which actions each status shows, in the seed's order. */
export const LISTED_ACTIONS: Readonly<Record<QuoteStatus, readonly ListedAction[]>> = {
  'quote.pending': [],
  'quote.offered': [listed('activate', 'seller_signed'), listed('sign_and_activate', 'seller_unsigned'), listed('reject')],
  'activation.pending': [],
  'cover.activated': [listed('claim'), listed('settle'), listed('bankruptcy_claim', 'bankruptcy_listed')],
  'quote.rejected': [],
  'claim.pending': [listed('settle')],
  'claim.rejected': [],
  'claim.approved': [],
  'cover.settled': [],
};

export const ACTION_PATHS: Readonly<Record<ClientAction, string>> = {
  activate: 'activate',
  sign_and_activate: 'sign-and-activate',
  reject: 'reject',
  settle: 'settle',
  claim: 'claim',
  bankruptcy_claim: 'bankruptcy_claim',
};

export interface ActionListingOptions {
  readonly sellerSigned: boolean;
  readonly listBankruptcyAction: boolean;
}

export function actionsFor(status: QuoteStatus, product: Product, options: ActionListingOptions): readonly ClientAction[] {
  const signed = sellerCountsAsSigned(product, options.sellerSigned);
  const conditionHolds = (when: ListingCondition | null): boolean => {
    if (when === 'seller_signed') return signed;
    if (when === 'seller_unsigned') return !signed;
    if (when === 'bankruptcy_listed') return options.listBankruptcyAction;
    return true;
  };
  return LISTED_ACTIONS[status]
    .filter((item) => productOffers(product, item.action) && conditionHolds(item.when))
    .map((item) => item.action);
}

export type LinkType = 'sign-policy-page';

export function linksFor(status: QuoteStatus, product: Product): readonly LinkType[] {
  return status === 'activation.pending' && PRODUCT_RULES[product].policySigning ? ['sign-policy-page'] : [];
}

export interface WireAction {
  readonly type: ClientAction;
  readonly method: 'POST';
  readonly url: string;
}

export interface WireLink {
  readonly type: LinkType;
  readonly method: 'GET';
  readonly url: string;
}

/** `apiBaseUrl` is the product's absolute base, e.g. `https://staging.credable.se/api/reinsure/v2`. */
export function renderActions(actions: readonly ClientAction[], apiBaseUrl: string, quoteId: string): WireAction[] {
  const base = apiBaseUrl.replace(/\/+$/, '');
  return actions.map((type) => ({ type, method: 'POST', url: `${base}/quotes/${quoteId}/${ACTION_PATHS[type]}` }));
}

/** `publicBaseUrl` is the site root, e.g. `https://staging.credable.se` → `/app/sign-policy/{id}`. */
export function renderLinks(links: readonly LinkType[], publicBaseUrl: string, quoteId: string): WireLink[] {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return links.map((type) => ({ type, method: 'GET', url: `${base}/app/sign-policy/${quoteId}` }));
}
