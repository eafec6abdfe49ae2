import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import type { ErrorFace } from './face.js';
import { faceAt, sendFaceError } from './register-face.js';

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

export function answerFrameworkError(app: FastifyInstance, fallback: ErrorFace) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
    sendFaceError(faceAt(app, request.url) ?? fallback, frameworkApiError(error), request, reply);
}

function clientApiError(code: string | undefined): ApiError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return new ApiError('bad_request', 'The request was not received in time', { status: 408, code: 'request_timeout' });
  if (code === 'HPE_HEADER_OVERFLOW') return new ApiError('bad_request', 'The request headers are too large', { status: 431, code: 'headers_too_large' });
  return new ApiError('bad_request', 'The request is not valid HTTP/1.1 (malformed request line or header)', { code: 'malformed_request' });
}

/** Node's parser refused the request: answer in the face of the request line's path (when readable), then close. */
export function answerClientError(app: FastifyInstance, fallback: ErrorFace) {
  return (error: Error & { code?: string; rawPacket?: unknown }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 8300).toString('latin1') : '';
    const requestLine = /^([A-Z]{1,20}) (\S{1,8192})/.exec(packet);
    const face = (requestLine ? faceAt(app, requestLine[2] ?? '/') : undefined) ?? fallback;
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
