import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/processes.js';

/**
 * The `tradecredit` bin as an installed checkout runs it: in a copy of the package whose node_modules lacks tsx,
 * so the command can only work by running the compiled JavaScript it builds into dist/.
 */
describe('the tradecredit bin', () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'tradecredit-bin-'));
  const dataDir = path.join(copy, 'data');

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  function copyPackageWithoutTsx(): void {
    for (const entry of ['bin', 'src', 'db', 'web', 'package.json', 'tsconfig.json', 'tsconfig.build.json']) cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
    mkdirSync(path.join(copy, 'node_modules'));
    for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
      if (name !== 'tsx' && name !== '.bin') symlinkSync(path.join(ROOT, 'node_modules', name), path.join(copy, 'node_modules', name));
    }
  }

  async function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [path.join(copy, 'bin', 'tradecredit.js'), ...args], {
      cwd: copy,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, stdout, stderr };
  }

  it('builds dist/ when it is missing and runs the compiled CLI, without tsx installed', async () => {
    copyPackageWithoutTsx();
    expect(existsSync(path.join(copy, 'node_modules', 'tsx'))).toBe(false);
    const created = await runBin(['tenant', 'create', '--name', 'Bin Test', '--json']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'Bin Test', mode: 'live' });
    expect(existsSync(path.join(copy, 'dist', 'main.js'))).toBe(true);
  }, 180_000);

  it('runs the existing build when it is current, and rebuilds when a source is newer', async () => {
    const buildInfo = path.join(copy, 'dist', '.tsbuildinfo');
    const builtAt = statSync(buildInfo).mtimeMs;
    const listed = await runBin(['tenant', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout).map((tenant: { name: string }) => tenant.name)).toEqual(['Bin Test']);
    expect(statSync(buildInfo).mtimeMs).toBe(builtAt);

    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(copy, 'src', 'app.ts'), later, later);
    const rebuilt = await runBin(['tenant', 'list', '--json']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(statSync(buildInfo).mtimeMs).toBeGreaterThan(builtAt);
  }, 180_000);

  it('says what to do when dist/ is missing and TypeScript is not installed', async () => {
    rmSync(path.join(copy, 'dist'), { recursive: true });
    rmSync(path.join(copy, 'node_modules', 'typescript'));
    const result = await runBin(['tenant', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('TypeScript is not installed to build it: run `npm ci && npm run build`');
  });
});
