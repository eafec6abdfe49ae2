import { queueMail } from '../../../platform/mail/outbox.js';
import type { Platform } from '../../../platform/services.js';
import type { Language } from '../../communications/language.js';
import { ACTION_TEXTS } from '../../landing/action-texts.js';
import { agreementDocument } from '../../landing/agreement.js';
import { agreementPdf } from '../../landing/documents.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import { loadPlan, type PlanRow } from '../../store/instalment-plans.js';
import { computeInstalmentPlanDefinition, type StoredSchedule } from '../instalments/compute-instalment-plan-definition.js';
import { createInstalmentPlan } from '../instalments/create-instalment-plan.js';
import { readComputedSchedule } from '../../landing/store.js';
import { withVerifiedSession } from './landing-link.js';
import { readLandingAccount } from './read-landing-account.js';

/*
 * Instalment plans on the page: the tenant's enabled, selectable definitions as options (a `choice` definition gives
 * one option per choice, `<definition>:<choice>`); an option is computed for the link's account (#37, stored for its
 * TTL) and shown; accepting turns that computation into a plan (#38). The same use cases as the API's.
 */

/** The mail kind of the instalment agreement the debtor receives after accepting a plan on the page. */
export const AGREEMENT_MAIL_KIND = 'collections.instalment_agreement';

export interface PlanOption {
  value: string;
  description: Record<string, string>;
  choice: string | null;
}

export interface PlanPreview {
  computedId: string;
  currency: string;
  totalAmount: number;
  instalments: { dueDate: string; amount: number }[];
}

export type PlanPreviewOutcome = { kind: 'preview'; preview: PlanPreview } | { kind: 'refused' };
export type PlanAcceptOutcome = { kind: 'accepted'; planId: string; emailedTo: string | null } | { kind: 'refused' };

export async function planOptionsOnPage(platform: Platform, token: string, sessionValue: string | undefined): Promise<PlanOption[] | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    if (link.accountReference === null) return [];
    const { instalments } = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
    return instalments.definitions.filter((definition) => definition.enabled && definition.selectable).flatMap((definition): PlanOption[] =>
      definition.type === 'choice'
        ? definition.configuration.map((choice) => ({ value: `${definition.id}:${String(choice.id)}`, description: definition.description, choice: String(choice.id) }))
        : [{ value: definition.id, description: definition.description, choice: null }]);
  });
}

/** The schedule the computation stored for #38 (every type stores its dated instalments). */
async function storedPreview(db: Parameters<typeof readComputedSchedule>[0], tenantId: string, computed: Record<string, unknown>): Promise<PlanPreview | undefined> {
  if (typeof computed.id !== 'string') return undefined;
  const schedule = await readComputedSchedule(db, tenantId, computed.id) as StoredSchedule | undefined;
  if (!schedule) return undefined;
  return { computedId: computed.id, currency: schedule.currency, totalAmount: schedule.totalAmount, instalments: schedule.instalments };
}

export async function previewPlanOnPage(platform: Platform, token: string, sessionValue: string | undefined, option: string): Promise<PlanPreviewOutcome | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    if (link.accountReference === null) return { kind: 'refused' };
    const [definitionId = '', choice] = option.split(':');
    const computed = await computeInstalmentPlanDefinition(uow, { timeZone: platform.config.BUSINESS_TIME_ZONE }, {
      instalmentPlanDefinitionId: definitionId, accountReference: link.accountReference, ...(choice === undefined ? {} : { formData: { choice } }),
    });
    const preview = computed.ok ? await storedPreview(uow.tx, uow.tenant.id, computed.value) : undefined;
    return preview ? { kind: 'preview', preview } : { kind: 'refused' };
  });
}

/**
 * Accepting turns the computation into the plan (#38); the agreement PDF is e-mailed to the debtor's address, when
 * they have one, in the same transaction (the platform's mail outbox).
 */
export async function acceptPlanOnPage(
  platform: Platform, token: string, sessionValue: string | undefined, computedId: string, lang: Language,
): Promise<PlanAcceptOutcome | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    if (link.accountReference === null) return { kind: 'refused' };
    const created = await createInstalmentPlan(uow, { timeZone: platform.config.BUSINESS_TIME_ZONE }, {
      instalmentPlanDefinitionId: computedId, accountReference: link.accountReference,
    });
    if (!created.ok) return { kind: 'refused' };
    const debtor = (await readLandingAccount(uow.tx, link))?.debtor ?? null;
    const email = (debtor?.contactInformation as Record<string, unknown> | undefined)?.email;
    if (typeof email !== 'string' || email === '') return { kind: 'accepted', planId: created.value.id, emailedTo: null };
    const a = ACTION_TEXTS[lang];
    const pdf = await agreementPdf(agreementDocument(created.value, debtor, lang));
    await queueMail(uow, platform.jobs, {
      kind: AGREEMENT_MAIL_KIND, related: { type: 'instalment_plan', id: created.value.id }, from: platform.config.MAIL_FROM, to: [email],
      subject: a.agreementTitle, text: a.agreementMailBody, language: lang,
      attachments: [{ filename: `agreement-${created.value.id}.pdf`, contentType: 'application/pdf', content: pdf }],
    });
    return { kind: 'accepted', planId: created.value.id, emailedTo: email };
  });
}

/** A plan of the link's account (any other plan, of this tenant or another, is unknown): for its agreement. */
export async function planOfPage(platform: Platform, token: string, sessionValue: string | undefined, planId: string): Promise<{ plan: PlanRow; debtor: Record<string, unknown> | null } | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    const plan = await loadPlan(uow.tx, uow.tenant.id, planId, false);
    if (!plan || plan.accountReference !== link.accountReference) return null;
    return { plan, debtor: (await readLandingAccount(uow.tx, link))?.debtor ?? null };
  });
}
