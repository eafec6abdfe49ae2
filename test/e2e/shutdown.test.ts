import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDataDirectory } from '../support/database-templates.js';
import { createScratchDatabase, ENGINES } from '../support/engines.js';
import { exitDelay, freePort, isAlive, listeningOwner, ROOT, sendRequests, startServerProcess } from '../support/processes.js';

const SHUTDOWN_TIMEOUT_MS = 4_000;
/** `npm start` without its prestart build (4 s of CPU a start even with nothing to compile); the suite builds once. */
const START = ['start', '--ignore-scripts'];

/**
 * SIGTERM ends the service within SHUTDOWN_TIMEOUT_MS whatever state its output is in, run as an operator runs it:
 * `npm start`, with its output piped to a parent that goes away, to a reader that stops reading, or with the signal
 * sent to npm only (what a supervisor's `child.kill()` does).
 */
describe('shutdown always ends', () => {
  const directories: string[] = [];
  const groups: ChildProcess[] = [];
  const drops: (() => Promise<void>)[] = [];

  beforeAll(() => {
    // `npm start` compiles first (prestart): built once here, each start below runs the start script alone
    // (--ignore-scripts skips only the pre and post scripts), with npm, sh and the server as an operator's has them.
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
  }, 300_000);

  afterEach(() => {
    for (const group of groups.splice(0)) {
      try {
        process.kill(-group.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  afterAll(async () => {
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
    for (const drop of drops) await drop();
  });

  async function until(condition: () => Promise<boolean>, withinMs = 120_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** A data directory whose embedded database is already migrated: what these tests start is a server, not a cluster. */
  async function environment(): Promise<Record<string, string>> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tradecredit-shutdown-'));
    directories.push(dataDir);
    seedDataDirectory(dataDir);
    const port = await freePort();
    return {
      ...(process.env as Record<string, string>),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      RATE_LIMIT_PER_MINUTE: '0',
    };
  }

  /** Its own process group, so that the test can end the whole pipeline whatever happens. */
  function spawnGroup(command: string, args: string[], env: Record<string, string>, stdio: 'pipe' | 'ignore'): ChildProcess {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', stdio, stdio], detached: true });
    groups.push(child);
    return child;
  }

  it('recipe A: the reader stalls, then goes away while log lines wait to be written', async () => {
    const env = await environment();
    const npm = spawnGroup('npm', START, env, 'pipe');
    let output = '';
    npm.stdout!.on('data', (chunk) => (output += chunk));
    npm.stderr!.on('data', (chunk) => (output += chunk));
    const server = await listeningOwner(env.DATA_DIR!);
    while (!output.includes('Tradecredit is listening')) await new Promise((resolve) => setTimeout(resolve, 50));
    await sendRequests(server.url, 20);

    // The parent stops reading (its process hangs, say): the pipe fills with request lines and the server's writes wait.
    npm.stdout!.pause();
    npm.stderr!.pause();
    await sendRequests(server.url, 1_000);
    // Then the parent goes away, and the signal comes while those lines still wait.
    npm.stdout!.destroy();
    npm.stderr!.destroy();
    process.kill(server.pid, 'SIGTERM');

    expect(await exitDelay(server.pid, SHUTDOWN_TIMEOUT_MS)).toBeDefined();
  }, 180_000);

  it.each(ENGINES)('recipe B [%s]: the reader stops reading and the log lines fill the pipe', async (engine) => {
    const env = await environment();
    if (engine === 'postgres') {
      const scratch = await createScratchDatabase({ migrated: true });
      drops.push(scratch.drop);
      env.DATABASE_URL = scratch.url;
    }
    const headFile = path.join(env.DATA_DIR!, '..', `${path.basename(env.DATA_DIR!)}.head`);
    directories.push(headFile);
    // A pipe holds 64 KiB; 2,000 request lines of some 250 bytes each are about 500 KB.
    spawnGroup('sh', ['-c', `npm ${START.join(' ')} 2>&1 | { head -c 3000 >"$HEAD_FILE"; sleep 300; }`], { ...env, HEAD_FILE: headFile }, 'ignore');
    const url = env.PUBLIC_BASE_URL!;
    await until(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true);
    await sendRequests(url, 2_000);
    // head has its 3,000 bytes by now (it writes them to the file when it has them all): the server's pid is there.
    const pid = Number(/"pid":(\d+)/.exec(readFileSync(headFile, 'utf8'))?.[1]);
    expect(isAlive(pid)).toBe(true);

    process.kill(pid, 'SIGTERM');
    expect(await exitDelay(pid, SHUTDOWN_TIMEOUT_MS)).toBeDefined();
  }, 180_000);

  it('recipe C: SIGTERM to the npm process only reaches the server, and both end', async () => {
    const env = await environment();
    const npm = spawnGroup('npm', START, env, 'pipe');
    let output = '';
    npm.stdout!.on('data', (chunk) => (output += chunk));
    npm.stderr!.on('data', (chunk) => (output += chunk));
    const npmExited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    const server = await listeningOwner(env.DATA_DIR!);
    while (!output.includes('Tradecredit is listening')) await new Promise((resolve) => setTimeout(resolve, 50));
    await sendRequests(server.url, 10);

    npm.kill('SIGTERM');
    expect(await exitDelay(server.pid, SHUTDOWN_TIMEOUT_MS), output).toBeDefined();
    await npmExited;
    expect(isAlive(npm.pid!)).toBe(false);
    expect(output).toContain('"signal":"SIGTERM"');
    expect(output).toContain('"msg":"stopped"');
  }, 180_000);

  /**
   * A request whose body never finishes arriving: the server waits for it while it shuts down. `Expect: 100-continue`
   * makes the server say when it has taken the request in (Node answers 100 as it hands the request to Fastify).
   */
  async function holdARequestOpen(port: number): Promise<() => void> {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    const continued = new Promise((resolve) => socket.once('data', resolve));
    socket.write('POST /v1/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n');
    expect(String(await continued)).toContain('100 Continue');
    socket.write('{"a":');
    return () => socket.destroy();
  }

  it('a request that never finishes holds the shutdown no longer than SHUTDOWN_TIMEOUT_MS, then the process exits 1', async () => {
    const env = await environment();
    const server = await startServerProcess(env);
    const release = await holdARequestOpen(server.port);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    const elapsed = Date.now() - started;
    release();
    expect(elapsed).toBeGreaterThanOrEqual(SHUTDOWN_TIMEOUT_MS - 100);
    expect(elapsed).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 1_000);
    expect(server.output()).toContain('shutdown timed out');
  }, 120_000);

  it.each(['SIGTERM', 'SIGINT'] as const)('a second signal (%s) ends a shutdown that is waiting, at once', async (second) => {
    const env = { ...(await environment()), SHUTDOWN_TIMEOUT_MS: '60000' };
    const server = await startServerProcess(env);
    const release = await holdARequestOpen(server.port);
    server.child.kill('SIGTERM');
    // The same signal again at once is the echo of one Ctrl-C on `npm start` (terminal and npm both send it): no hurry.
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(isAlive(server.child.pid!), server.output().slice(-1500)).toBe(true);
    const started = Date.now();
    server.child.kill(second);
    expect(await server.exited).toBe(second === 'SIGTERM' ? 143 : 130);
    expect(Date.now() - started).toBeLessThan(1_000);
    release();
  }, 120_000);
});
