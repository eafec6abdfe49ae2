/** The shipped templates' ids (their names and uuids are in catalogue.ts). */
export const TEMPLATE_IDS = ['reminder-friendly', 'reminder-second', 'final-notice', 'escalation-notice'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/**
 * What one version of a template holds for one language: the text of every channel, with placeholders written
 * `<%= it.name %>` (the names in PLACEHOLDERS). E-mail and letter bodies are paragraphs separated by a blank line;
 * the e-mail's HTML part is built from the same paragraphs.
 */
export interface TemplateContent {
  email: { subject: string; body: string };
  sms: { text: string };
  letter: { subject: string; body: string };
}

/** The values a template may show; every one is a ready-formatted string. */
export const PLACEHOLDERS = ['debtorName', 'creditorName', 'claimReference', 'paymentReference', 'amountDue', 'dueDate', 'landingPageUrl'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Readonly<Record<Placeholder, string>>;

/** The template fields, by channel, as paths (for validation errors naming the field). */
export const CONTENT_FIELDS = [
  ['email', 'subject'], ['email', 'body'], ['sms', 'text'], ['letter', 'subject'], ['letter', 'body'],
] as const;
