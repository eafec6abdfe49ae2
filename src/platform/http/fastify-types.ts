import type { Actor } from '../auth/actor.js';
import type { Platform } from '../services.js';
import type { WireFace } from './face.js';

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    actor?: Actor;
    face?: WireFace;
  }
  interface FastifyContextConfig {
    /** The route authenticates on its own (token endpoints) or not at all (health, docs). */
    public?: boolean;
  }
}

export {};
