// The service's TypeScript sources, for the tests that guard how queries are written (the index and key guards).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes.js';

/** Every `.ts` file under `directory` (default: the repository's src/), as absolute paths. */
export function sourceFiles(directory = path.join(ROOT, 'src')): string[] {
  return readdirSync(directory).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}
