// The staff console under /console: sign-in, the overview and the screens, mounted through console-kit.ts.
import type { FastifyInstance } from 'fastify';
import { CONSOLE_PREFIX, mountConsole, type NavigationEntry } from './console-kit.js';
import { accountScreens } from './screens/accounts.js';
import { buyerScreens } from './screens/buyer-file.js';
import { caseScreens } from './screens/case-file.js';
import { portfolioScreens } from './screens/portfolio.js';
import { queueScreens } from './screens/queues.js';
import { strategyScreens } from './screens/strategies.js';
import { signInRoutes } from './sign-in.js';

const NAVIGATION: NavigationEntry[] = [
  { href: CONSOLE_PREFIX, roles: ['underwriter', 'claims_handler', 'collections_manager'], label: { en: 'Overview', sv: 'Översikt' } },
  { href: `${CONSOLE_PREFIX}/queues`, roles: ['underwriter', 'claims_handler'], label: { en: 'Work queues', sv: 'Arbetsköer' } },
  { href: `${CONSOLE_PREFIX}/portfolio`, roles: ['underwriter'], label: { en: 'Cover portfolio', sv: 'Limitportfölj' } },
  { href: `${CONSOLE_PREFIX}/buyers`, roles: ['underwriter', 'claims_handler', 'collections_manager'], label: { en: 'Buyers', sv: 'Köpare' } },
  { href: `${CONSOLE_PREFIX}/accounts`, roles: ['collections_manager', 'claims_handler'], label: { en: 'Accounts', sv: 'Konton' } },
  { href: `${CONSOLE_PREFIX}/strategies`, roles: ['collections_manager'], label: { en: 'Strategies', sv: 'Strategier' } },
];

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  await mountConsole(app, { navigation: NAVIGATION }, (consoleScope) => {
    signInRoutes(consoleScope);
    queueScreens(consoleScope);
    caseScreens(consoleScope);
    strategyScreens(consoleScope);
    buyerScreens(consoleScope);
    portfolioScreens(consoleScope);
    accountScreens(consoleScope);
  });
}
