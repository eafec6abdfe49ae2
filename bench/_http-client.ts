import net from 'node:net';

/**
 * The load generator's HTTP/1.1 client: keep-alive connections, one request at a time on each, responses framed by
 * Content-Length (what the service sends for every JSON answer; anything else is refused loudly).
 *
 * Why not node:http or undici: the load generator shares the machine's two cores with the service under test, so
 * every millisecond it spends is taken from the service. Measured per request on a quote: node:http's agent
 * 0.17–0.20 ms, undici's pool 0.23 ms, this client about 0.05 ms.
 */
export interface BenchResponse {
  status: number;
  readonly text: string;
}

interface Pending {
  resolve(response: BenchResponse): void;
  reject(error: Error): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

class Connection {
  private readonly socket: net.Socket;
  private chunks: Buffer[] = [];
  private size = 0;
  /** Where the response being received ends, once its head is read. */
  private expected: { head: string; bodyStart: number; bodyEnd: number } | undefined;
  private pending: Pending | undefined;
  closed = false;

  constructor(host: string, port: number, private readonly release: (connection: Connection) => void) {
    this.socket = net.connect(port, host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('the service closed the connection')));
  }

  send(request: string, pending: Pending): void {
    this.pending = pending;
    this.socket.write(request);
  }

  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  private receive(chunk: Buffer): void {
    // Chunks are kept as they come and joined once the response is whole: joining on every chunk copied a 1.3 MB
    // answer (get_account on 10,000 entries) twenty times over, 11 ms of this process's CPU per answer.
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (!this.expected) {
      const buffered = this.joined();
      const headerEnd = buffered.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const head = buffered.toString('latin1', 0, headerEnd);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      if (!length) {
        this.fail(new Error(`a response without Content-Length: ${head.split('\r\n')[0]}`));
        this.socket.destroy();
        return;
      }
      const bodyStart = headerEnd + HEADER_END.length;
      this.expected = { head, bodyStart, bodyEnd: bodyStart + Number(length[1]) };
    }
    const { head, bodyStart, bodyEnd } = this.expected;
    if (this.size < bodyEnd) return;
    const buffered = this.joined();
    // The body is decoded only when read: most answers are only counted, and decoding a 135 kB page took this
    // process's CPU from the two cores the service and PostgreSQL share with it.
    const body = buffered.subarray(bodyStart, bodyEnd);
    const response: BenchResponse = { status: Number(head.slice(9, 12)), get text() { return body.toString('utf8'); } };
    const rest = buffered.subarray(bodyEnd);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    this.expected = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (/\r\nconnection: *close/i.test(head)) this.destroy();
    this.release(this);
    pending?.resolve(response);
  }

  /** The bytes received so far as one buffer (kept as the only chunk). */
  private joined(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0]!;
  }
}

/** A client of `baseUrl` with at most `connections` keep-alive connections; a request waits for a free one. */
export function benchHttpClient(baseUrl: string, connections: number) {
  const { hostname, port, host } = new URL(baseUrl);
  const idle: Connection[] = [];
  const waiting: ((connection: Connection) => void)[] = [];
  const open = new Set<Connection>();

  const release = (connection: Connection) => {
    if (connection.closed) {
      open.delete(connection);
      if (waiting.length > 0) waiting.shift()!(connect());
      return;
    }
    const next = waiting.shift();
    if (next) next(connection);
    else idle.push(connection);
  };
  const connect = () => {
    const connection = new Connection(hostname, Number(port), release);
    open.add(connection);
    return connection;
  };
  const acquire = (): Promise<Connection> | Connection => {
    while (idle.length > 0) {
      const connection = idle.pop()!;
      if (!connection.closed) return connection;
      open.delete(connection);
    }
    if (open.size < connections) return connect();
    return new Promise((resolve) => waiting.push(resolve));
  };

  return {
    async request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<BenchResponse> {
      const connection = await acquire();
      let head = `${method} ${path} HTTP/1.1\r\nhost: ${host}\r\n`;
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
      head += `content-length: ${body === undefined ? 0 : Buffer.byteLength(body)}\r\n\r\n`;
      return new Promise<BenchResponse>((resolve, reject) => {
        connection.send(body === undefined ? head : head + body, {
          resolve,
          reject: (error) => {
            release(connection);
            reject(error);
          },
        });
      });
    },
    close(): void {
      for (const connection of open) connection.destroy();
      open.clear();
      idle.length = 0;
    },
  };
}
