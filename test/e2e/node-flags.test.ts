import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

/**
 * The service's V8 flags (a 64 MB young-generation semi-space: README, "Memory") are given in three places: `npm
 * start`, the bench's service processes and the bench process that runs the collections engine in-process (`npm run
 * bench`). The CLI (bin/tradecredit.js) runs without them: `servicing import` is judged by its peak memory. A bench measured with other flags than production's would measure another program,
 * so they must stay equal.
 */
const FLAGS = '--max-semi-space-size=64';

describe('the service node flags', () => {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('npm start runs the server with them', () => {
    expect(scripts.start).toBe(`exec node ${FLAGS} dist/main.js serve`);
  });

  it('npm run bench runs the bench process with them', () => {
    expect(scripts.bench).toBe(`tsx ${FLAGS} bench/run.ts`);
  });

  it('the bin does not: its import keeps its memory low (issue 12: RSS), the flag raises its peak by ~75 MB', () => {
    expect(readFileSync(path.join(ROOT, 'bin', 'tradecredit.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('the bench starts its service processes with them', () => {
    expect(readFileSync(path.join(ROOT, 'bench', '_harness.ts'), 'utf8')).toContain(`export const SERVICE_NODE_FLAGS = ['${FLAGS}'];`);
  });

  it('this node accepts them', () => {
    const run = spawnSync(process.execPath, [FLAGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
