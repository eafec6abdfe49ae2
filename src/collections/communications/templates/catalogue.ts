import type { Language } from '../language.js';
import { TEMPLATE_IDS, type TemplateContent, type TemplateId } from './content.js';
import { DE } from './de.js';
import { EN } from './en.js';
import { NL } from './nl.js';
import { SV } from './sv.js';

/*
 * The shipped templates. Each has a stable uuid (the `bundleId` of #29; the seed types it as a uuid, so the readable
 * id cannot serve) and a display name (`bundleName`). Version 1 of every language is this code; a tenant's own
 * versions (2, 3, …) live in collections_template_versions.
 */
export { TEMPLATE_IDS, type TemplateId };

export interface TemplateDefinition {
  id: TemplateId;
  uuid: string;
  name: string;
}

export const TEMPLATES: Readonly<Record<TemplateId, TemplateDefinition>> = {
  'reminder-friendly': { id: 'reminder-friendly', uuid: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f01', name: 'Friendly reminder' },
  'reminder-second': { id: 'reminder-second', uuid: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f02', name: 'Second reminder' },
  'final-notice': { id: 'final-notice', uuid: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f03', name: 'Final notice' },
  'escalation-notice': { id: 'escalation-notice', uuid: '3f0b8a52-6c1e-4d7a-9b21-5a7c0e4d1f04', name: 'Escalation notice' },
};

export const SHIPPED_VERSION = 1;

const SHIPPED: Readonly<Record<Language, Readonly<Record<TemplateId, TemplateContent>>>> = { en: EN, de: DE, sv: SV, nl: NL };

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

export function templateByUuid(uuid: string): TemplateDefinition | undefined {
  return Object.values(TEMPLATES).find((template) => template.uuid === uuid);
}

export function shippedContent(id: TemplateId, language: Language): TemplateContent {
  return SHIPPED[language][id];
}
