import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvents } from '../../../platform/events/append.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { isLanguage, LANGUAGES } from '../../communications/language.js';
import { checkTemplateContent, renderChannel, type TemplateProblem } from '../../communications/render.js';
import { insertTemplateVersion, latestTemplateVersion, lockTemplateLanguage } from '../../communications/store.js';
import { isTemplateId, SHIPPED_VERSION, TEMPLATE_IDS } from '../../communications/templates/catalogue.js';
import type { TemplateContent, TemplateValues } from '../../communications/templates/content.js';

export const TEMPLATE_VERSION_CREATED = 'message_template.version_created';

export type TemplateVersionError =
  | { code: 'UNKNOWN_TEMPLATE'; message: string }
  | { code: 'INVALID_TEMPLATE'; message: string; problems: TemplateProblem[] };

/** Long but ordinary values: an SMS template must stay within two segments with them. */
const SAMPLE_VALUES: TemplateValues = {
  debtorName: 'Maximilian Mustermann-Schneider', creditorName: 'Acme Trading GmbH', claimReference: 'INV-2026-000123456',
  paymentReference: 'RF18539007547034', amountDue: '12.345,67 €', dueDate: '30. September 2026', landingPageUrl: 'https://pay.example.com/c/btXXskwXX',
};

function problemsOf(language: unknown, content: unknown): TemplateProblem[] {
  const problems: TemplateProblem[] = isLanguage(language) ? [] : [{ path: 'language', message: `must be one of ${LANGUAGES.join(', ')}` }];
  const contentProblems = checkTemplateContent(content);
  problems.push(...contentProblems);
  if (contentProblems.length === 0 && isLanguage(language)) {
    const sms = renderChannel(content as TemplateContent, 'sms', SAMPLE_VALUES, language);
    if (!sms.ok) problems.push({ path: 'content.sms.text', message: `${sms.error.message} with sample values; shorten it` });
  }
  return problems;
}

/**
 * A tenant's new version of a template in one language: the next number after its latest (2 after the shipped
 * version 1). New messages in that language use it from the commit on; stored messages keep the version they used.
 */
export async function createTemplateVersion(
  uow: UnitOfWork, input: { templateId: string; language: unknown; content: unknown },
): Promise<Result<{ templateId: string; language: string; version: number; createdAt: Date }, TemplateVersionError>> {
  if (!isTemplateId(input.templateId)) return err({ code: 'UNKNOWN_TEMPLATE', message: `Unknown template ${input.templateId}; known: ${TEMPLATE_IDS.join(', ')}` });
  const problems = problemsOf(input.language, input.content);
  if (problems.length > 0) return err({ code: 'INVALID_TEMPLATE', message: `Invalid template: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems });
  const language = input.language as string;
  const content = input.content as TemplateContent;
  const stored: TemplateContent = {
    email: { subject: content.email.subject, body: content.email.body }, sms: { text: content.sms.text },
    letter: { subject: content.letter.subject, body: content.letter.body },
  };
  await lockTemplateLanguage(uow.tx, uow.tenant.id, input.templateId, language);
  const version = ((await latestTemplateVersion(uow.tx, uow.tenant.id, input.templateId, language))?.version ?? SHIPPED_VERSION) + 1;
  await insertTemplateVersion(uow.tx, {
    tenantId: uow.tenant.id, templateId: input.templateId, language, version, content: stored as unknown as Record<string, unknown>,
    createdBy: `${uow.actor.type}:${uow.actor.id}`, createdAt: uow.now,
  });
  const entityId = `${input.templateId}/${language}/${version}`;
  await appendEvents(uow, [{ type: TEMPLATE_VERSION_CREATED, entityType: 'message_template', entityId, data: { templateId: input.templateId, language, version } }]);
  await recordAudit(uow, { action: 'collections.template_version.create', entityType: 'message_template', entityId, details: { templateId: input.templateId, language, version } });
  return ok({ templateId: input.templateId, language, version, createdAt: uow.now });
}
