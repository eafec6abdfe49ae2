import pino, { type Logger } from 'pino';

/** Header and body fields never written to logs. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers["atradius-app-key"]',
  'req.headers.cookie',
  'req.headers["x-tradecredit-admin"]',
  '*.clientSecret',
  '*.apiClientSecret',
  '*.apiKey',
  '*.appKey',
  '*.access_token',
  '*.signingSecret',
  '*.password',
];

/** Log lines held in memory while the reader of a pipe is not reading; beyond it lines are dropped and counted. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * The process's standard output as a log destination that never blocks and never retries forever.
 *
 * pino's default destination (SonicBoom) flushes synchronously in the process's `exit` handlers and retries a failed
 * write every 100 ms without end: with the reader gone (EPIPE) or a full pipe nobody reads (EAGAIN), `process.exit`
 * never returns. Node's own stdout stream writes a pipe asynchronously instead (the pipe is non-blocking; what does
 * not fit waits in memory), so a stalled reader cannot stop the event loop, the shutdown timer or the exit.
 */
export class ProcessOutput implements pino.DestinationStream {
  private gone = false;
  droppedLines = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    // EPIPE: the reader went away. Without a listener the error would be thrown as an uncaught exception.
    stream.on('error', () => {
      this.gone = true;
    });
  }

  write(line: string): void {
    if (this.gone) return;
    if (this.stream.writableLength > MAX_BUFFERED_BYTES) {
      this.droppedLines += 1;
      return;
    }
    this.stream.write(line);
  }

  /** Resolves once every line written so far has reached the operating system, the reader is gone, or `waitMs` passed. */
  async flushed(waitMs: number): Promise<void> {
    const deadline = Date.now() + waitMs;
    while (!this.gone && this.stream.writableLength > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export function createLogger(level: string, destination: pino.DestinationStream = new ProcessOutput()): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

/** Standard error never throws on a reader that went away either (a startup failure is printed there). */
export function ignoreBrokenStandardError(): void {
  process.stderr.on('error', () => undefined);
}
