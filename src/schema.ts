/** Every table of the system, for drizzle's typed queries and drizzle-kit's migrations. Modules add their schema here. */
export * from './platform/db/schema.js';
export * from './risk/schema.js';
export * from './insurance/schema.js';
export * from './servicing/schema.js';
export * from './insurance/connect/schema.js';
export * from './risk/buyer-number-schema.js';
export * from './cover/schema.js';
export * from './cases/schema.js';
export * from './cases/letters-schema.js';
export * from './collections/schema.js';
export * from './backoffice/reports/schema.js';
export * from './backoffice/console/schema.js';
export * from './insurance/dashboard/schema.js';
