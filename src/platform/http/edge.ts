import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { ApiError } from './api-error.js';
import type { ErrorFace } from './face.js';
import { BROWSER_PAGES_PREFIX, browserPageFace } from './faces/browser-page.js';
import { installInputGuard } from './hostile-input.js';
import { claimPathPrefix, faceAt, sendFaceError } from './register-face.js';

/**
 * Errors a client provokes before any route runs, answered in the shape of the face its URL belongs to (the
 * `fallback` face elsewhere) instead of Fastify's or Node's own JSON: a path Fastify cannot decode or whose
 * parameter is too long (Fastify's `frameworkErrors`), and a request Node's HTTP parser refuses (`clientError`).
 */
function urlIssue(code: string, message: string): ApiError {
  return new ApiError('validation', 'Invalid request', { issues: [{ path: ['url'], location: 'params', code, message }] });
}

function frameworkApiError(error: FastifyError): ApiError {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return urlIssue('invalid_encoding', 'the path is not a valid percent-encoding of UTF-8 text');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return urlIssue('max_length', 'a path parameter is longer than 100 characters');
    default:
      return new ApiError('internal', 'Internal server error');
  }
}

function answerFrameworkError(faceOf: (url: string) => ErrorFace) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
    sendFaceError(faceOf(request.url), frameworkApiError(error), request, reply);
}

function clientApiError(code: string | undefined): ApiError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError('bad_request', 'The request was not received in time', { status: 408, code: 'request_timeout' });
  if (code === 'HPE_HEADER_OVERFLOW') return new ApiError('bad_request', 'The request headers are too large', { status: 431, code: 'headers_too_large' });
  return new ApiError('bad_request', 'The request is not valid HTTP/1.1 (malformed request line or header)', { code: 'malformed_request' });
}

/** Node's parser refused the request: answer in the face of the request line's path (when readable), then close. */
function answerClientError(faceOf: (url: string) => ErrorFace) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 8300).toString('latin1') : '';
    const requestLine = /^([A-Z]{1,20}) (\S{1,8192})/.exec(packet);
    const face = faceOf(requestLine?.[2] ?? '/');
    const { status, body } = face.formatError(clientApiError(error.code), { method: requestLine?.[1] ?? 'GET', headers: {} });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n`
        + `Content-Type: ${face.contentType ?? 'application/json; charset=utf-8'}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
      );
    }
    socket.destroy(error);
  };
}

/**
 * The app's edge, for every face at once: Fastify's pre-routing errors and Node's client errors in the face's shape,
 * the guard against unstorable or badly encoded parameters, and the error and unknown-route answers of routes outside
 * any face (the pages, health, docs), in the shape of the prefix they sit under. Fastify takes `serverOptions` before
 * the app exists; `install` gives them the app.
 */
export function appEdge(fallback: ErrorFace): { serverOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>; install(app: FastifyInstance): void } {
  let installed: FastifyInstance | undefined;
  const faceOf = (url: string) => (installed ? faceAt(installed, url) : undefined) ?? fallback;
  return {
    serverOptions: { frameworkErrors: answerFrameworkError(faceOf), clientErrorHandler: answerClientError(faceOf) },
    install(app) {
      installed = app;
      installInputGuard(app);
      claimPathPrefix(app, BROWSER_PAGES_PREFIX, browserPageFace);
      app.setErrorHandler((error, request, reply) => sendFaceError(faceOf(request.url), error, request, reply));
      app.setNotFoundHandler((request, reply) =>
        sendFaceError(faceOf(request.url), new ApiError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`), request, reply));
    },
  };
}
