import type { z } from 'zod';
import type { ItemResult, ServicingContext } from './context.js';

/** A writing endpoint of the Receeve face: body schema, response keys (for the async answer), and the use case. */
export interface Operation<B = unknown> {
  readonly name: string;
  readonly body: z.ZodType<B>;
  /** Response keys, in body order. */
  keys(body: B): string[];
  run(ctx: ServicingContext, body: B): Promise<Record<string, ItemResult>>;
}

export function defineOperation<B>(operation: Operation<B>): Operation<unknown> {
  return operation as unknown as Operation<unknown>;
}
