import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP endpoint that records every webhook it receives; the first `failures` deliveries get a 500. */
export async function startWebhookReceiver(options: { failures?: number } = {}) {
  const received: ReceivedWebhook[] = [];
  let remainingFailures = options.failures ?? 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      if (remainingFailures > 0) {
        remainingFailures -= 1;
        response.writeHead(500).end('not yet');
      } else {
        response.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
