#!/usr/bin/env node
// Runs the compiled CLI in dist/: plain JavaScript costs about 75 MB less than running the sources through tsx.
// In a checkout whose dist/ is missing or older than src/, it compiles first (incrementally), as `npm start` does.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const main = path.join(root, 'dist', 'main.js');
const buildInfo = path.join(root, 'dist', '.tsbuildinfo');
const sources = path.join(root, 'src');

function newestModification(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(main)) return true;
  if (!existsSync(sources)) return false;
  return !existsSync(buildInfo) || newestModification(sources) > statSync(buildInfo).mtimeMs;
}

function build() {
  let compiler;
  try {
    compiler = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error(`tradecredit: ${main} is missing or older than src/, and TypeScript is not installed to build it: run \`npm ci && npm run build\`.`);
    process.exit(2);
  }
  // The compiler's messages go to stderr, so that `--json` output on stdout stays parseable.
  const result = spawnSync(process.execPath, [compiler, '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    console.error('tradecredit: building dist/ failed (see the compiler output above).');
    process.exit(2);
  }
  // An incremental build with nothing to emit leaves the build info untouched: mark dist/ as current.
  const now = new Date();
  utimesSync(buildInfo, now, now);
}

if (needsBuild()) build();
await import(pathToFileURL(main).href);
