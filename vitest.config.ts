import { defineConfig } from 'vitest/config';
import { SlowFilesFirst } from './test/support/slow-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/support/compiled-sources-setup.ts', 'test/support/database-templates-setup.ts', 'test/support/chromium-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine. Most files wait on
    // PostgreSQL, Chromium or a child process much of the time, so two workers keep both cores busy.
    maxWorkers: 2,
    sequence: { sequencer: SlowFilesFirst },
    reporters: ['default', ['json', { outputFile: 'test-results/results.json' }]],
  },
});
