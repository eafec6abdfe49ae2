import type { FastifyInstance } from 'fastify';
import { insuranceContext } from '../insurance/api.js';
import { registerFace } from '../platform/http/register-face.js';
import type { BusinessModule } from '../platform/module.js';
import { backofficeFace } from './face.js';
import { staffRoutes } from './http/staff-api.js';

/** The staff API (`/backoffice/v1`): it reads insurance and risk through their api.ts and owns no table. */
export const backofficeModule: BusinessModule = {
  name: 'backoffice',
  async routes(app: FastifyInstance) {
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, staffRoutes(insuranceContext(app.platform)));
  },
};
