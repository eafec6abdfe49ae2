import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { CachedResolution } from '../auth/actor-cache.js';
import type { Product } from '../auth/products.js';
import type { ApiError } from './api-error.js';

/** A wire protocol: how it authenticates callers and how it writes errors. */
export interface WireFace {
  name: string;
  /** Products whose credentials this face accepts; others get the face's 403. */
  products: readonly Product[] | 'any';
  /** Resolves the caller or throws the face's authentication ApiError. */
  authenticate(request: FastifyRequest, services: FaceAuthServices): Promise<Actor>;
  /** Body and status of an error in this protocol's documented shape (from the request line and headers alone). */
  formatError(error: ApiError, request: ErrorContext): { status: number; body: unknown };
  /** Content type of the error body; JSON unless given. */
  contentType?: string;
  /** Headers the protocol adds to every response (correlation ids and such). */
  decorateReply?(request: FastifyRequest, reply: FastifyReply): void;
}

/** What an error body may depend on: also known for a request Fastify could not route or Node could not parse. */
export type ErrorContext = Pick<FastifyRequest, 'method' | 'headers'>;

/** The part of a face that writes errors: what the pages and an unroutable request need. */
export type ErrorFace = Pick<WireFace, 'name' | 'formatError' | 'contentType'>;

export interface FaceAuthServices {
  resolveBearerSecret(secret: string): Promise<Actor | undefined>;
  /** The caller with what else its credential carries (the app key hash), from the same cache as resolveBearerSecret. */
  resolveBearer(secret: string): Promise<CachedResolution | undefined>;
}

/** The secret after a scheme word in an Authorization header (`Token x`, `Bearer x`; tolerates `Bearer Bearer x`, debt-servicing spec A1). */
export function secretFromAuthorization(header: string | undefined, schemes: readonly string[]): string | undefined {
  if (header === undefined) return undefined;
  const isScheme = (word: string | undefined) => schemes.some((scheme) => scheme.toLowerCase() === word?.toLowerCase());
  const words = header.trim().split(/\s+/);
  if (words.length < 2 || !isScheme(words[0])) return undefined;
  const rest = words.length === 3 && isScheme(words[1]) ? words.slice(2) : words.slice(1);
  return rest.length === 1 ? rest[0] : undefined;
}

export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
