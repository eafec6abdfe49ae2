import { queueMail } from '../../platform/mail/outbox.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { ConnectContext } from '../context.js';
import { escapeHtml } from '../domain/connect-email.js';
import type { ConnectLanguage } from '../domain/connect-request.js';
import { LINK_LIFETIME_MS } from './rules.js';
import { DASHBOARD_TEXTS } from './texts.js';

export const SIGN_IN_MAIL_KIND = 'seller.sign_in_link';
export const DASHBOARD_PATH = '/app/connect/dashboard';

export function signInLinkUrl(ctx: Pick<ConnectContext, 'publicBaseUrl'>, token: string): string {
  return `${ctx.publicBaseUrl}${DASHBOARD_PATH}/sign-in/${token}`;
}

export interface SignInMail {
  readonly linkId: string;
  readonly to: string;
  readonly token: string;
  readonly seller: string;
  readonly language: ConnectLanguage;
}

/** The e-mail with the one-time link, stored as an `.eml` and sent in the transaction that created the link. */
export async function queueSignInMail(uow: UnitOfWork, mail: SignInMail, ctx: ConnectContext): Promise<string> {
  const t = DASHBOARD_TEXTS[mail.language].mail;
  const link = signInLinkUrl(ctx, mail.token);
  const lines = t.body(link, mail.seller, LINK_LIFETIME_MS / 60_000);
  const html = lines.filter((line) => line !== '')
    .map((line) => (line === link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : `<p>${escapeHtml(line)}</p>`)).join('\n');
  return queueMail(uow, ctx.jobs, {
    kind: SIGN_IN_MAIL_KIND, from: ctx.mailFrom, to: [mail.to], subject: t.subject, text: lines.join('\n'), html,
    language: mail.language, related: { type: 'seller_sign_in_link', id: mail.linkId },
  });
}
