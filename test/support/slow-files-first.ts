// The order vitest hands the test files to its workers. Without results of an earlier run on the machine (a fresh
// clone, as in CI) vitest runs the larger files first, and most files that start processes are small, so they come
// late: one of them started near the end keeps one worker busy for a minute or more while the other has nothing left.
// Longest first lets the two workers finish together.
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Rounded seconds the slowest files took in full runs on both engines (docs/architecture.md, Measured history), to
 * rank them when this machine has no durations of its own. Only the order depends on these figures.
 */
const MEASURED_SECONDS: Readonly<Record<string, number>> = {
  'test/e2e/shutdown.test.ts': 150,
  'test/insurance/connect-purchase.test.ts': 83,
  'test/e2e/embedded-process.test.ts': 57,
  'test/servicing/import-portfolio-cli.test.ts': 53,
  'test/insurance/connect-http.test.ts': 51,
  'test/collections/strategies-cli.test.ts': 47,
  'test/e2e/bin.test.ts': 47,
  'test/collections/runs-engine.test.ts': 47,
  'test/platform/credential-sheet-cover-ids.test.ts': 44,
  'test/cover/scheduled-changes.test.ts': 43,
  'test/platform/hostile-input.property.test.ts': 40,
  'test/platform/audit-cli.test.ts': 38,
  'test/cases/state-machines.test.ts': 36,
  'test/cases/letters-issue.test.ts': 33,
  'test/cases/lifecycle-credable.test.ts': 31,
  'test/cover/newest-first-pages.test.ts': 30,
  'test/cover/transitions.test.ts': 29,
  'test/insurance/connect-purchase.browser.test.ts': 28,
  'test/servicing/import-portfolio.test.ts': 28,
  'test/servicing/http/fuzz.test.ts': 27,
  'test/platform/job-queue-stop.test.ts': 26,
  'test/cases/cases-http.test.ts': 26,
  'test/platform/boundaries.test.ts': 24,
};

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const seconds = (file: TestSpecification) => MEASURED_SECONDS[path.relative(root, file.moduleId)] ?? 0;
    // Stable: the files not listed keep vitest's own order (its cached durations, or larger files first) after them.
    return [...sorted].sort((a, b) => seconds(b) - seconds(a));
  }
}
