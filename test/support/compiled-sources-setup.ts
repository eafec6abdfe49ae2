// Vitest global setup: compiles src/ to plain JavaScript in dist-test/ once per run, so that the tests that run
// the service or the CLI as child processes start them with `node` (about 2 s of CPU less a start than loading
// every source file through tsx). esbuild transpiles only, as tsx does; `npm run check` type-checks. dist-test/ sits
// beside src/ at the same depth, so paths the sources resolve from their own location (db/, web/, docs/) still hold.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { build } from 'esbuild';
import { COMPILED_SOURCES, ROOT } from './processes.js';

export default async function compileSources(): Promise<void> {
  const sources = path.join(ROOT, 'src');
  const partial = `${COMPILED_SOURCES}.${randomBytes(4).toString('hex')}.partial`;
  await build({
    entryPoints: filesUnder(sources).filter((file) => file.endsWith('.ts') || file.endsWith('.yaml')),
    outdir: partial,
    outbase: sources,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    loader: { '.yaml': 'copy' },
    logLevel: 'error',
  });
  // Swapped in whole: a child process started by a run that is still going never sees half a tree.
  if (existsSync(COMPILED_SOURCES)) rmSync(COMPILED_SOURCES, { recursive: true, force: true });
  renameSync(partial, COMPILED_SOURCES);
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}
