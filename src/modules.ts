import type { BusinessModule } from './platform/module.js';
import { backofficeModule } from './backoffice/module.js';
import { insuranceModule } from './insurance/module.js';
import { servicingModule } from './servicing/module.js';
import { coverModule } from './cover/module.js';
import { collectionsModule } from './collections/module.js';
import { casesModule } from './cases/module.js';

export type { BusinessModule };

/** The business modules the service is built from, in mounting order. */
export const MODULES: BusinessModule[] = [insuranceModule, backofficeModule, servicingModule, coverModule, casesModule, collectionsModule];
