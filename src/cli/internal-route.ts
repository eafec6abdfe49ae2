import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CliError, cliCommandSchema, runCliCommand } from './commands.js';
import { ApiError } from '../platform/http/api-error.js';
import { firstHeader } from '../platform/http/face.js';

export const ADMIN_HEADER = 'x-tradecredit-admin';

/**
 * Lets the CLI act on an embedded database the server owns: loopback callers that present the secret written to
 * the data directory's lock file (mode 0600, so only the service's own user can read it).
 */
export async function internalCliRoute(app: FastifyInstance, adminSecret: string): Promise<void> {
  app.post('/internal/v1/cli', { config: { public: true, rateLimit: false }, schema: { hide: true } }, async (request) => {
    const presented = Buffer.from(firstHeader(request.headers[ADMIN_HEADER]) ?? '');
    const expected = Buffer.from(adminSecret);
    const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(request.socket.remoteAddress ?? '');
    if (!loopback || presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new ApiError('forbidden', 'Not allowed');
    }
    const parsed = cliCommandSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiError('bad_request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    try {
      const { db, clock, config } = app.platform;
      return { ok: true, result: await runCliCommand({ db, clock, publicBaseUrl: config.publicBaseUrl }, parsed.data) };
    } catch (error) {
      if (error instanceof CliError) throw new ApiError('unprocessable', error.message);
      throw error;
    }
  });
}
