import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** src/ compiled to JavaScript by the global setup (compiled-sources-setup.ts). */
export const COMPILED_SOURCES = path.join(ROOT, 'dist-test');
const MAIN = path.join(COMPILED_SOURCES, 'main.js');

/** The arguments that run `tradecredit ARGS…` from the compiled sources, for `spawn(process.execPath, …)`. */
export function cliArguments(args: string[]): string[] {
  return [MAIN, ...args];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `tradecredit serve` as a real child process and waits until it listens (or exits). */
export async function startServerProcess(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, cliArguments(['serve', ...args]), {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!/Tradecredit (is listening|worker started)/.test(output)) {
    const status = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('waiting'), 100))]);
    if (status !== 'waiting') break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
  }
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Runs the CLI to completion. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, cliArguments(args), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stdout, stderr };
}

/** The JSON credential sheet the server prints for the demo tenant on first start. */
export function demoSheet(output: string): any {
  const start = output.indexOf('Full sheet as JSON:');
  if (start < 0) throw new Error(`no demo sheet in output:\n${output}`);
  const json = output.slice(start + 'Full sheet as JSON:'.length, output.indexOf('\n====', start));
  return JSON.parse(json);
}

/** The server process that owns an embedded data directory, once it listens (its lock file then names its URL). */
export async function listeningOwner(dataDir: string, withinMs = 120_000): Promise<{ pid: number; url: string }> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const owner = readLock(path.join(dataDir, 'service.lock'));
    if (owner?.adminUrl) return { pid: owner.pid, url: owner.adminUrl };
    if (Date.now() > deadline) throw new Error(`no server listened on ${dataDir} within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readLock(file: string): { pid: number; adminUrl?: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; adminUrl?: string };
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds until a process (not necessarily our child) is gone, or undefined when it still runs after `withinMs`. */
export async function exitDelay(pid: number, withinMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started <= withinMs) {
    if (!isAlive(pid)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

/** Sends `count` requests, `concurrency` at a time; each one the server answers writes a log line. */
export async function sendRequests(url: string, count: number, concurrency = 20): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await fetch(`${url}/healthz?probe=${next}`).then((response) => response.arrayBuffer());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
