/** Every table of the system, for drizzle's typed queries and drizzle-kit's migrations. Modules add their schema here. */
export * from './platform/db/schema.js';
export * from './risk/schema.js';
export * from './insurance/schema.js';
export * from './servicing/schema.js';
export * from './insurance/connect/schema.js';
export * from './risk/buyer-number-schema.js';
export * from './cover/schema.js';
