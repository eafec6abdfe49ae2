import type { ConnectLanguage } from '../domain/connect-request.js';
import type { SellerRef } from './store.js';

/** A signed-in seller, as a page sees it: whose insurance to show, in which language, on which clock. */
export interface SellerSession extends SellerRef {
  readonly idHash: string;
  readonly email: string;
  readonly language: ConnectLanguage;
  /** The tenant's business time at the request (its sandbox test clock, if any). */
  readonly now: Date;
}
