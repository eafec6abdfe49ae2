import { Eta } from 'eta';
import { fileURLToPath } from 'node:url';

/* The page's templates (web/landing/*.eta, beside src/ and dist/ alike), compiled once and cached. */

export const LANDING_WEB_DIR = fileURLToPath(new URL('../../../web/landing/', import.meta.url));

const eta = new Eta({ views: LANDING_WEB_DIR, autoEscape: true, autoTrim: false, cache: true });

export type LandingTemplate = 'ask' | 'notice' | 'account' | 'transfer' | 'form' | 'schedule' | 'done';

export function renderLandingPage(template: LandingTemplate, data: object): string {
  return eta.render(`./${template}`, data);
}
