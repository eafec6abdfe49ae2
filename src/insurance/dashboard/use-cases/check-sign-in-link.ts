// What the link page shows before the seller presses "Sign in": the link is looked at, not used, so a mail scanner
// that opens every link in an e-mail cannot spend it.
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { type ConnectLanguage, communicationLanguage } from '../../domain/connect-request.js';
import { type LinkState, linkState } from '../rules.js';
import { hashSecret, isWellFormedSecret } from '../secrets.js';
import { findSignInLink } from '../store.js';

export interface SignInLinkView {
  readonly state: LinkState;
  readonly language: ConnectLanguage;
  readonly seller: string;
}

/** The link behind `token`; null for a token that is not one of ours. */
export async function checkSignInLink(platform: Platform, token: string): Promise<SignInLinkView | null> {
  if (!isWellFormedSecret(token)) return null;
  const link = await findSignInLink(platform.db, hashSecret(token));
  if (!link) return null;
  const tenant = await findTenant(platform.db, link.tenantId);
  if (!tenant) return null;
  return { state: linkState(link, clockFor(platform, tenant).now()), language: communicationLanguage(link.language), seller: link.sellerIdentifier };
}
