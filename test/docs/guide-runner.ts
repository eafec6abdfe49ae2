// Runs the shell examples of a guide against a live service, the way a reader would paste them into a terminal:
// every ```sh block in order, in one bash session (`set -euo pipefail`), with the lines where the reader sets the
// variables from the credential sheet (`BASE=…`, `export REINSURE=…`) replaced by the test tenant's real values.
// ```console blocks are for reading only.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface HttpCall {
  status: number;
  method: string;
  url: string;
}

export interface GuideRun {
  code: number | null;
  stdout: string;
  stderr: string;
  calls: HttpCall[];
}

const CALL_LINE = /^HTTP (\d{3}) (\S+) (\S+)$/;

/** Every curl call reports its status, method and URL on stderr, so the test sees each request's outcome. */
const CURL_REPORTER = `curl() { command curl -w '%{stderr}HTTP %{http_code} %{method} %{url_effective}\\n' "$@"; }\n`;

export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** Drops the lines that set a variable the runner provides itself (the reader's copy from the credential sheet). */
export function withoutProvided(script: string, provided: Record<string, string>): string {
  return script.split('\n').filter((line) => {
    const assigned = /^\s*(?:export\s+)?([A-Z_]+)=/.exec(line)?.[1];
    return assigned === undefined || !(assigned in provided);
  }).join('\n');
}

export async function runGuide(path: string, env: Record<string, string>): Promise<GuideRun> {
  const blocks = shellBlocks(await readFile(path, 'utf8'));
  if (blocks.length === 0) throw new Error(`${path} has no sh blocks`);
  const script = `set -euo pipefail\n${CURL_REPORTER}${blocks.map((block) => withoutProvided(block, env)).join('\n')}\n`;
  const child = spawn('bash', ['--norc', '--noprofile', '-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const calls = stderr.split('\n').flatMap((line) => {
    const match = CALL_LINE.exec(line);
    return match ? [{ status: Number(match[1]), method: match[2]!, url: match[3]! }] : [];
  });
  return { code, stdout, stderr, calls };
}
