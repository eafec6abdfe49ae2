#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so the package works straight from a checkout or an install.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
await import(fileURLToPath(new URL('../src/main.ts', import.meta.url)));
