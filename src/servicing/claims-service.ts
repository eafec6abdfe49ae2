import type { Operation } from './operations.js';

export const CLAIM_OPERATIONS: Operation<unknown>[] = [];
