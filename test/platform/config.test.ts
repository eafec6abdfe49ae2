import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/platform/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 8080, DATA_DIR: './data', LOG_LEVEL: 'info', BUSINESS_TIME_ZONE: 'Europe/Stockholm', publicBaseUrl: 'http://localhost:8080' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads and normalises values', () => {
    const config = loadConfig({ PORT: '9000', PUBLIC_BASE_URL: 'https://tc.example.com/', DATABASE_URL: 'postgres://u@h/db', DEMO_TENANT: 'false', EMPTY: '' });
    expect(config).toMatchObject({ PORT: 9000, publicBaseUrl: 'https://tc.example.com', DATABASE_URL: 'postgres://u@h/db', DEMO_TENANT: false });
  });

  it('stops start-up on a wrong value, naming every problem', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SMTP_URL: 'http://mail' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SMTP_URL']) expect(message).toContain(name);
    }
    expect(() => loadConfig({ BUSINESS_TIME_ZONE: 'Mars/Olympus' })).toThrow(/BUSINESS_TIME_ZONE/);
    expect(() => loadConfig({ DEMO_TENANT: 'maybe' })).toThrow(/DEMO_TENANT/);
  });
});
