import type { Executor } from '../../../platform/db/database.js';
import { LANGUAGES, type Language } from '../../communications/language.js';
import { listTemplateVersions } from '../../communications/store.js';
import { SHIPPED_VERSION, shippedContent, TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../../communications/templates/catalogue.js';
import type { TemplateContent } from '../../communications/templates/content.js';

export interface TemplateVersionView {
  version: number;
  /** `shipped` for version 1 (the code's text), else who created it. */
  createdBy: string;
  createdAt: Date | null;
  content: TemplateContent;
}

export interface TemplateView {
  id: TemplateId;
  uuid: string;
  name: string;
  /** Per language: every version, oldest first; the last is the one new messages use. */
  languages: Record<Language, { latestVersion: number; versions: TemplateVersionView[] }>;
}

/** The templates with every version of every language (the shipped version 1 and the tenant's own). */
export async function listTemplates(db: Executor, tenantId: string, only?: TemplateId): Promise<TemplateView[]> {
  const rows = await listTemplateVersions(db, tenantId, only);
  return TEMPLATE_IDS.filter((id) => only === undefined || id === only).map((id) => {
    const languages = Object.fromEntries(LANGUAGES.map((language) => {
      const versions: TemplateVersionView[] = [
        { version: SHIPPED_VERSION, createdBy: 'shipped', createdAt: null, content: shippedContent(id, language) },
        ...rows.filter((row) => row.templateId === id && row.language === language).map((row) => ({
          version: row.version, createdBy: row.createdBy, createdAt: row.createdAt, content: row.content as unknown as TemplateContent,
        })),
      ];
      return [language, { latestVersion: versions[versions.length - 1]!.version, versions }];
    })) as TemplateView['languages'];
    return { ...TEMPLATES[id], languages };
  });
}
