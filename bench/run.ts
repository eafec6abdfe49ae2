import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `npm run bench -- <suite>`: runs bench/<suite>.ts (its default export); no argument lists the suites. */
const folder = fileURLToPath(new URL('.', import.meta.url));
const suites = readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && !['run.ts'].includes(file) && !file.startsWith('_'))
  .map((file) => file.slice(0, -3));
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

if (requested.length === 0) {
  console.log(`Benchmark suites: ${suites.join(', ')}\nUsage: npm run bench -- <suite> [<suite> …]`);
  process.exit(0);
}
for (const name of requested) {
  if (!existsSync(`${folder}/${name}.ts`)) {
    console.error(`No benchmark suite "${name}". Suites: ${suites.join(', ')}`);
    process.exit(2);
  }
  const suite = (await import(`./${name}.ts`)) as { default?: () => Promise<void>; run?: (args: string[]) => Promise<void> };
  if (suite.default) await suite.default();
  else await suite.run?.(process.argv.slice(3));
}
process.exit(0);
