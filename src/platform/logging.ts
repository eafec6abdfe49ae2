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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}
