/** The collections module's tables, one file per aggregate under schema/. */
export * from './schema/strategies.js';
export * from './schema/messages-schema.js';
export * from './schema/debtor-records-schema.js';
export * from './schema/runs.js';
export * from './schema/landing-schema.js';
