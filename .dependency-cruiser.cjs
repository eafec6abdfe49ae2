// Import boundaries of src/ (DESIGN.md §2, docs/architecture.md), checked by `npm run check` through
// `npm run check:boundaries` (dependency-cruiser). test/platform/boundaries.test.ts plants a violation of every
// rule in a throw-away tree and shows this config reports it.
//
// A business module is any top-level folder of src/ other than platform/ and cli/, so a new module folder
// (cover/, cases/, collections/) is covered without editing this file: the rules capture the module name
// from the importing path and compare it with the imported one ($1 below is that capture).
//
// Type-only imports count: `import type` from another module's store still couples the two.

/** src/<module>/ for every business module; group 1 is the module name. */
const MODULE = '^src/(?!platform/|cli/)([^/]+)/';
/** Any file of any business module. */
const ANY_MODULE_FILE = '^src/(?!platform/|cli/)[^/]+/';
/** The one file another module (or the CLI) may import. */
const PUBLIC_API = '^src/[^/]+/api\\.ts$';
/** The composition root: src/app.ts, main.ts, modules.ts, schema.ts, service.ts. */
const ROOT_FILE = '^src/[^/]+\\.ts$';

/**
 * What a domain file may import besides its own module's domain/ and other modules' api.ts: pure platform
 * helpers (no clock, no database, no HTTP) and pure npm packages. Fail closed: a new pure helper is added
 * here on purpose. zod is not listed: wire schemas belong in http/<protocol>.ts.
 */
const PURE_PLATFORM = ['^src/platform/(result|money|dates)\\.ts$'];
const PURE_PACKAGES = ['(^|/)node_modules/decimal\\.js/', '(^|/)node_modules/json-logic-js/', '(^|/)node_modules/ibantools/'];

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  {
    name: 'no-cycle',
    severity: 'error',
    comment: 'No import cycles anywhere in src/ (type-only imports included).',
    from: {},
    to: { circular: true },
  },
  {
    name: 'resolvable-imports',
    severity: 'error',
    comment: 'Every import resolves, so no rule here can be sidestepped by a path the resolver does not follow.',
    from: {},
    to: { couldNotResolve: true },
  },
  {
    name: 'module-only-through-api',
    severity: 'error',
    comment: "A module imports another module only through that module's api.ts.",
    from: { path: MODULE },
    to: { path: ANY_MODULE_FILE, pathNot: ['^src/$1/', PUBLIC_API] },
  },
  {
    name: 'module-not-above-itself',
    severity: 'error',
    comment: 'A module never imports the composition root (app, modules, schema, service, main) or the CLI.',
    from: { path: MODULE },
    to: { path: [ROOT_FILE, '^src/cli/'] },
  },
  {
    name: 'platform-knows-no-business',
    severity: 'error',
    comment: 'platform/ imports nothing above it: no business module, no CLI, no root file (schema.ts, modules.ts, app.ts, ...).',
    from: { path: '^src/platform/' },
    to: { path: '^src/', pathNot: '^src/platform/' },
  },
  {
    name: 'cli-only-through-api',
    severity: 'error',
    comment: "The CLI reaches a business module only through its api.ts.",
    from: { path: '^src/cli/' },
    to: { path: ANY_MODULE_FILE, pathNot: PUBLIC_API },
  },
  {
    name: 'root-only-through-module-schema-api',
    severity: 'error',
    comment:
      "The composition root mounts module.ts, lists a module's table files (schema.ts, *-schema.ts) for " +
      'migrations and may use api.ts; nothing deeper.',
    from: { path: ROOT_FILE },
    to: { path: ANY_MODULE_FILE, pathNot: ['^src/[^/]+/(module|api)\\.ts$', '[/-]schema\\.ts$'] },
  },
  {
    name: 'domain-is-pure',
    severity: 'error',
    comment:
      'domain/ imports only its own domain/ and the pure platform helpers: no store, schema, use case, http, ' +
      'sweep or module.ts of its module, no clock, database or other platform service. (Another module is ' +
      "reached through its api.ts, as everywhere; module-only-through-api reports the rest.)",
    from: { path: `${MODULE}domain/` },
    to: { path: ['^src/$1/', '^src/platform/', ROOT_FILE, '^src/cli/'], pathNot: ['^src/$1/domain/', ...PURE_PLATFORM] },
  },
  {
    name: 'domain-imports-no-io-package',
    severity: 'error',
    comment:
      'domain/ imports no npm package but the pure ones (decimal.js, json-logic-js, ibantools) and no node: built-in: no drizzle-orm, pg, ' +
      'PGlite, fastify, pg-boss, nodemailer, node:fs, node:crypto (randomness and time are handed in).',
    from: { path: `${MODULE}domain/` },
    to: { pathNot: ['^src/', ...PURE_PACKAGES] },
  },
  {
    name: 'use-case-knows-no-http',
    severity: 'error',
    comment:
      "A use case returns a typed result or a domain error; it never builds an HTTP error (platform/http, ApiError), " +
      "never imports its module's http/ wire layer and never imports fastify.",
    from: { path: `${MODULE}use-cases/` },
    to: {
      path: ['^src/platform/http/', '^src/$1/http/', '(^|/)node_modules/(fastify|@fastify/|fastify-[^/]+)'],
    },
  },
];

/**
 * Violations tolerated while a refactor is in flight, as [rule, importing file, imported file]: each is reported as
 * "ignored" instead of failing the check. Keep it empty on main; test/platform/boundaries.test.ts fails while an
 * entry no longer matches a real violation, so the list can only shrink.
 */
const KNOWN_VIOLATIONS = [];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    knownViolations: KNOWN_VIOLATIONS.map(([rule, from, to]) => ({
      type: rule === 'no-cycle' ? 'cycle' : 'dependency',
      from,
      to,
      rule: { name: rule, severity: 'error' },
    })),
    reporterOptions: { text: { highlightFocused: true } },
  },
};
