import type { FastifyInstance } from 'fastify';
import { insuranceContext } from '../insurance/api.js';
import { registerFace } from '../platform/http/register-face.js';
import type { BusinessModule } from '../platform/module.js';
import { consoleRoutes } from './console/routes.js';
import { CONSOLE_PREFIX, mountConsole } from './console/console-kit.js';
import { REPORT_SCREEN_ROLES, reportScreens } from './reports/http/console-reports.js';
import { backofficeFace } from './face.js';
import { staffRoutes } from './http/staff-api.js';
import { managementFace } from '../platform/http/faces/platform-api.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { managementReportRoutes } from './reports/http/management-reports.js';
import { staffReportRoutes } from './reports/http/staff-reports.js';
import { reportDeliverySweep } from './reports/sweeps.js';
import { consoleSessionCleanupSweep } from './console/cleanup-sweeps.js';

/**
 * The staff API (`/backoffice/v1`) and the staff console (`/console`, its sessions table): other modules are read
 * through their api.ts. Reports (reports/) own the report subscriptions and deliveries; customers' subscriptions are
 * on the management API.
 */
export const backofficeModule: BusinessModule = {
  name: 'backoffice',
  async routes(app: FastifyInstance) {
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, staffRoutes(insuranceContext(app.platform)));
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, staffReportRoutes);
    await registerFace(app, managementFace, { prefix: '/management/v1' }, managementReportRoutes);
    await consoleRoutes(app);
    await mountConsole(app, { navigation: [{ href: `${CONSOLE_PREFIX}/reports`, roles: REPORT_SCREEN_ROLES, label: { en: 'Reports', sv: 'Rapporter' } }] }, reportScreens);
  },
  sweeps: (platform) => [reportDeliverySweep(platform) as Sweep<unknown>, consoleSessionCleanupSweep() as Sweep<unknown>],
};
