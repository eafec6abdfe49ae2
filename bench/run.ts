/**
 * `npm run bench -- <suite> [...]`: runs load scenarios against PostgreSQL (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else DATABASE_URL: a server on which a scratch database is created and dropped).
 */
const SUITES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  servicing: () => import('./servicing.js'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? SUITES[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <suite>\nsuites: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const suite = await load();
await suite.run(args);
process.exit(0);
