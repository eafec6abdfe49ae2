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
  /**
   * The body as text, decoded when read. Read it before the connection's next response arrives (in the code that
   * awaited the request, as every bench does): the body lies in the connection's reused buffer, and reading it
   * later throws rather than answering another response's bytes.
   */
  readonly text: string;
}

interface Pending {
  resolve(response: BenchResponse): void;
  reject(error: Error): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Every connection reads into this one buffer (net's `onread`): no buffer is allocated per read, and a 135 kB answer
 * comes in two or three reads rather than one per 64 kB. What a read brings is copied out before the next one.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

class Connection {
  private readonly socket: net.Socket;
  /** The start of a response whose head has not all arrived (a copy). */
  private partialHead: Buffer | undefined;
  /** The response being received, once its head is read: its body is copied into `body` as it comes. */
  private receiving: { head: string; body: Buffer; filled: number } | undefined;
  private pending: Pending | undefined;
  /**
   * Where bodies are copied, reused from one response to the next (grown to the largest body seen), and how many
   * responses it has held: a response's `text` is its body only until the next response's head is read.
   *
   * Decision (2026-12-06): a new Buffer per body (134 kB for a cover listing page) was memory outside V8's heap,
   * and allocating 64 MB of it starts a full garbage collection of this process's heap, which holds the benches'
   * seeded ids (100,000 strings for the cover bench). That made the load generator cost 0.35–0.60 ms of CPU a
   * listing page in the bench (taken from the two cores the service and PostgreSQL share with it) against
   * 0.07–0.13 ms for the same client with a small heap.
   */
  private bodyBuffer = Buffer.allocUnsafe(0);
  private bodies = 0;
  closed = false;

  constructor(host: string, port: number, private readonly release: (connection: Connection) => void) {
    this.socket = net.connect({ port, host, onread: { buffer: READ_BUFFER, callback: (size: number) => this.receive(READ_BUFFER, size) } });
    this.socket.setNoDelay(true);
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

  /**
   * The bytes of one read (valid only during this call): the head is parsed once it is whole, and the body copied
   * into one buffer of its Content-Length. The body is decoded only when read: most answers are only counted, and
   * decoding a 135 kB page took this process's CPU from the two cores the service and PostgreSQL share with it.
   */
  private receive(buffer: Buffer, size: number): true {
    let offset = 0;
    while (offset < size && !this.closed) {
      if (!this.receiving) {
        const consumed = this.readHead(buffer.subarray(offset, size));
        if (consumed < 0) return true;
        offset += consumed;
      }
      const receiving = this.receiving;
      if (!receiving) continue;
      const take = Math.min(size - offset, receiving.body.length - receiving.filled);
      buffer.copy(receiving.body, receiving.filled, offset, offset + take);
      receiving.filled += take;
      offset += take;
      if (receiving.filled === receiving.body.length) this.complete(receiving);
    }
    return true;
  }

  /** Reads a response's head from `bytes` (with what came before it): how many of `bytes` it took, or -1 if not whole yet. */
  private readHead(bytes: Buffer): number {
    const before = this.partialHead?.length ?? 0;
    const buffered = this.partialHead ? Buffer.concat([this.partialHead, bytes]) : bytes;
    const headerEnd = buffered.indexOf(HEADER_END);
    if (headerEnd < 0) {
      this.partialHead = Buffer.from(buffered);
      return -1;
    }
    this.partialHead = undefined;
    const head = buffered.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) {
      this.fail(new Error(`a response without Content-Length: ${head.split('\r\n')[0]}`));
      this.socket.destroy();
      return -1;
    }
    const size = Number(length[1]);
    if (size > this.bodyBuffer.length) this.bodyBuffer = Buffer.allocUnsafe(Math.max(size, 2 * this.bodyBuffer.length));
    this.bodies += 1;
    this.receiving = { head, body: this.bodyBuffer.subarray(0, size), filled: 0 };
    const consumed = headerEnd + HEADER_END.length - before;
    if (this.receiving.body.length === 0) this.complete(this.receiving);
    return consumed;
  }

  private complete({ head, body }: { head: string; body: Buffer }): void {
    const number = this.bodies;
    const current = () => this.bodies === number;
    const response: BenchResponse = {
      status: Number(head.slice(9, 12)),
      get text() {
        if (!current()) throw new Error('a bench response\'s text read after its connection began to receive the next one');
        return body.toString('utf8');
      },
    };
    this.receiving = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (/\r\nconnection: *close/i.test(head)) this.destroy();
    this.release(this);
    pending?.resolve(response);
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
