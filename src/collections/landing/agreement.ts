import { formatDate, formatMoney } from '../communications/format.js';
import type { Language } from '../communications/language.js';
import { debtorName } from '../communications/recipient.js';
import { ACTION_TEXTS } from './action-texts.js';
import type { AgreementDocument } from './documents.js';
import { LANDING_TEXTS } from './texts.js';

/* The instalment agreement in the page's language: what the PDF shows, downloaded from the page and e-mailed. */

export interface AgreedPlan {
  id: string;
  createdAt: Date;
  plan: Record<string, unknown>;
}

export function agreementDocument(agreed: AgreedPlan, debtor: Readonly<Record<string, unknown>> | null, lang: Language): AgreementDocument {
  const a = ACTION_TEXTS[lang];
  const t = LANDING_TEXTS[lang];
  const plan = agreed.plan as { currency: string; totalAmount: number; instalments: { dueDate: string; amount: number }[] };
  return {
    language: lang, title: a.agreementTitle, reference: agreed.id, createdAt: agreed.createdAt,
    intro: a.agreementIntro(debtorName(debtor) || t.pageTitle, formatMoney(plan.totalAmount, plan.currency, lang)),
    headers: [a.instalment, t.dueDate, t.principal],
    instalments: plan.instalments.map((item, index) => [String(index + 1), formatDate(item.dueDate, lang), formatMoney(item.amount, plan.currency, lang)]),
    total: `${a.planTotal}: ${formatMoney(plan.totalAmount, plan.currency, lang)}`, closing: a.agreementClose,
  };
}
