import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';

const DEFAULT_YAML = readFileSync('src/collections/strategies/default.yaml', 'utf8');

function gentle(waitDays = 7): any {
  return {
    key: 'gentle',
    name: 'Gentle',
    steps: [
      { id: 'remind', type: 'message', channel: 'email', template: 'reminder-friendly', next: 'pause' },
      { id: 'pause', type: 'wait', duration: `P${waitDays}D`, next: 'done' },
      { id: 'done', type: 'end' },
    ],
  };
}

describeEachEngine('management API: strategies', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let other: TestTenant;
  const json = () => managementHeaders(tenant);
  const yaml = () => ({ ...managementHeaders(tenant), 'content-type': 'application/yaml' });

  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
    other = await service.createTenant({ name: 'Other' });
  });
  afterAll(async () => service?.stop());

  it('publishes its JSON Schema at a stable public URL', async () => {
    const schema = await call(service.url, 'GET', '/schemas/strategy.json');
    expect(schema.status).toBe(200);
    expect(schema.body).toMatchObject({ $id: `${service.config.publicBaseUrl}/schemas/strategy.json`, $schema: 'https://json-schema.org/draft/2020-12/schema', required: ['key', 'name', 'steps'] });
    expect((await call(service.url, 'GET', '/schemas/strategy-assignment.json')).body.required).toEqual(['rules', 'defaultStrategyKey']);
  });

  it('validates without saving: every problem named by step and field', async () => {
    const bad = gentle();
    bad.steps[0].next = 'remind-3';
    const refused = await call(service.url, 'POST', '/management/v1/strategies/validate', { headers: json(), json: bad });
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({ valid: false, problems: ['steps[0] (id "remind").next: no step "remind-3"', 'steps[1] (id "pause"): step "pause" can never be reached from the first step "remind" or a reaction\'s goto (nor can "done", reached only through it)'] });
    const fine = await call(service.url, 'POST', '/management/v1/strategies/validate', { headers: yaml(), body: DEFAULT_YAML });
    expect(fine.body).toMatchObject({ valid: true, problems: [], key: 'default' });
    expect(fine.body.canonical).toContain('template: reminder-friendly');
    expect((await call(service.url, 'GET', '/management/v1/strategies', { headers: json() })).body.data).toEqual([]);
  });

  it('creates drafts as numbered versions, dedupes identical content, publishes, diffs, retires', async () => {
    const first = await call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: gentle() });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: 'gentle', version: 1, status: 'draft', publishedAt: null });
    expect(first.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: gentle() });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const published = await call(service.url, 'POST', '/management/v1/strategies/gentle/versions/1/publish', { headers: json() });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const twice = await call(service.url, 'POST', '/management/v1/strategies/gentle/versions/1/publish', { headers: json() });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toEqual({ code: 'invalid_status', message: 'gentle@1 is published: only a draft can be published' });
    const edit = await call(service.url, 'PUT', '/management/v1/strategies/gentle/versions/1', { headers: json(), json: gentle(9) });
    expect(edit.status).toBe(409);

    const second = await call(service.url, 'POST', '/management/v1/strategies', { headers: yaml(), body: 'key: gentle\nname: Gentle\nsteps:\n  - {id: remind, type: message, channel: email, template: reminder-friendly, next: pause}\n  - {id: pause, type: wait, duration: P10D, next: done}\n  - {id: done, type: end}\n' });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    const latest = await call(service.url, 'GET', '/management/v1/strategies/gentle/versions/latest-published', { headers: json() });
    expect(latest.body.version).toBe(1);

    const diff = await call(service.url, 'GET', '/management/v1/strategies/gentle/diff?from=1&to=2', { headers: json() });
    expect(diff.body).toMatchObject({ key: 'gentle', from: 1, to: 2, identical: false });
    expect(diff.body.diff).toContain('-    duration: P7D\n+    duration: P10D\n');
    expect(diff.body.diff.startsWith('--- gentle@1\n+++ gentle@2\n@@ ')).toBe(true);
    const raw = await call(service.url, 'GET', '/management/v1/strategies/gentle/diff?from=latest-published&to=2&format=diff', { headers: json() });
    expect(raw.headers.get('content-type')).toMatch(/^text\/x-diff/);
    expect(raw.text).toBe(diff.body.diff);

    const asYaml = await call(service.url, 'GET', '/management/v1/strategies/gentle/versions/2?format=yaml', { headers: json() });
    expect(asYaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(asYaml.text).toContain('duration: P10D');

    const replaced = await call(service.url, 'PUT', '/management/v1/strategies/gentle/versions/2', { headers: json(), json: gentle(12) });
    expect(replaced.status).toBe(200);
    expect(replaced.body.document.steps[1].duration).toBe('P12D');
    expect((await call(service.url, 'POST', '/management/v1/strategies/gentle/versions/2/publish', { headers: json() })).status).toBe(200);
    expect((await call(service.url, 'GET', '/management/v1/strategies/gentle/versions/latest-published', { headers: json() })).body.version).toBe(2);

    const retired = await call(service.url, 'POST', '/management/v1/strategies/gentle/versions/1/retire', { headers: json() });
    expect(retired.body).toMatchObject({ status: 'retired', retiredAt: expect.any(String) });
    const list = await call(service.url, 'GET', '/management/v1/strategies?key=gentle', { headers: json() });
    expect(list.body.data.map((row: any) => [row.version, row.status])).toEqual([[1, 'retired'], [2, 'published']]);
    expect(list.body.data[0].document).toBeUndefined();
    expect((await call(service.url, 'GET', '/management/v1/strategies?status=published', { headers: json() })).body.data).toHaveLength(1);

    const events = await call(service.url, 'GET', '/management/v1/events?type=strategy.published', { headers: json() });
    expect(events.body.data.map((event: any) => event.data.version)).toEqual([1, 2]);
    const retiredEvents = await call(service.url, 'GET', '/management/v1/events?type=strategy.retired', { headers: json() });
    expect(retiredEvents.body.data).toHaveLength(1);
    expect(retiredEvents.body.data[0].data).toMatchObject({ key: 'gentle', version: 1, status: 'retired' });
    const audit = await call(service.url, 'GET', '/management/v1/audit-log?limit=20', { headers: json() });
    expect(audit.body.data.map((row: any) => row.action)).toEqual(expect.arrayContaining(['strategy.draft_created', 'strategy.published', 'strategy.retired', 'strategy.draft_replaced']));
  });

  it('answers 422 with every problem for an invalid document, and writes nothing', async () => {
    const bad = gentle();
    bad.steps[1].duration = 'one week';
    const refused = await call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'invalid_strategy',
      message: 'The strategy document has 1 problem(s): steps[1] (id "pause").duration: "one week" is not an ISO 8601 duration such as P7D or PT12H',
      issues: [{ path: [], code: 'invalid', message: 'steps[1] (id "pause").duration: "one week" is not an ISO 8601 duration such as P7D or PT12H' }],
    });
    const badYaml = await call(service.url, 'POST', '/management/v1/strategies', { headers: yaml(), body: 'key: [\n' });
    expect(badYaml.status).toBe(422);
    expect(badYaml.body.error.message).toMatch(/^The strategy document has 1 problem\(s\): \(document\) line/);
    const nul = await call(service.url, 'POST', '/management/v1/strategies', { headers: yaml(), body: 'key: x\nname: "a\\0b"\nsteps: [{id: e, type: end}]\n' });
    expect(nul.status).toBe(422);
    expect(nul.body.error.issues[0].message).toBe('name: must not contain a NUL character or an unpaired UTF-16 surrogate');
    expect((await call(service.url, 'POST', '/management/v1/strategies', { headers: json() })).status).toBe(422);
    const mismatch = await call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: { ...gentle(), key: 'draft-one' } });
    const put = await call(service.url, 'PUT', `/management/v1/strategies/draft-one/versions/${mismatch.body.version}`, { headers: json(), json: gentle() });
    expect(put.status).toBe(422);
    expect(put.body.error.code).toBe('key_mismatch');
    expect((await call(service.url, 'GET', '/management/v1/strategies?key=x', { headers: json() })).body.data).toEqual([]);
  });

  it('answers 404 for unknown strategies and versions, and another tenant\'s exactly alike', async () => {
    const mine = await call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: { ...gentle(), key: 'private' } });
    expect(mine.status).toBe(201);
    const theirs = await call(service.url, 'GET', '/management/v1/strategies/private/versions/1', { headers: managementHeaders(other) });
    const unknown = await call(service.url, 'GET', '/management/v1/strategies/nothing/versions/1', { headers: managementHeaders(other) });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toEqual({ code: 'strategy_not_found', message: 'No version 1 of strategy "private"' });
    expect(unknown.body.error.code).toBe('strategy_not_found');
    expect((await call(service.url, 'POST', '/management/v1/strategies/private/versions/1/publish', { headers: managementHeaders(other) })).status).toBe(404);
    expect((await call(service.url, 'GET', '/management/v1/strategies/private/diff?from=1&to=2', { headers: json() })).status).toBe(404);
    expect((await call(service.url, 'GET', '/management/v1/strategies/private/versions/0', { headers: json() })).status).toBe(400);
    expect((await call(service.url, 'GET', '/management/v1/strategies', { headers: managementHeaders(other) })).body.data).toEqual([]);
    expect((await call(service.url, 'GET', '/management/v1/strategies')).status).toBe(401);
  });

  it('numbers versions created at the same moment one after another, without gaps or a failure', async () => {
    const created = await Promise.all([2, 3, 4, 5, 6].map((days) =>
      call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: { ...gentle(days), key: 'racing' } })));
    expect(created.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(created.map((response) => response.body.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with another body', async () => {
    const headers = { ...json(), 'idempotency-key': 'create-replay-1' };
    const first = await call(service.url, 'POST', '/management/v1/strategies', { headers, json: { ...gentle(), key: 'idem' } });
    const replay = await call(service.url, 'POST', '/management/v1/strategies', { headers, json: { ...gentle(), key: 'idem' } });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await call(service.url, 'POST', '/management/v1/strategies', { headers, json: { ...gentle(3), key: 'idem' } })).status).toBe(409);
    const publishHeaders = { ...json(), 'idempotency-key': 'publish-idem-1' };
    expect((await call(service.url, 'POST', '/management/v1/strategies/idem/versions/1/publish', { headers: publishHeaders })).status).toBe(200);
    const publishReplay = await call(service.url, 'POST', '/management/v1/strategies/idem/versions/1/publish', { headers: publishHeaders });
    expect(publishReplay.status).toBe(200);
    expect(publishReplay.headers.get('idempotent-replayed')).toBe('true');
    expect((await call(service.url, 'GET', '/management/v1/events?type=strategy.published', { headers: json() })).body.data.filter((event: any) => event.data.key === 'idem')).toHaveLength(1);
  });

  describe('assignment rules', () => {
    it('are set only over published strategies, and keep what they name from being retired', async () => {
      expect((await call(service.url, 'GET', '/management/v1/strategy-assignment', { headers: json() })).status).toBe(404);
      await call(service.url, 'POST', '/management/v1/strategies', { headers: json(), json: { ...gentle(), key: 'fallback' } });
      const unpublished = await call(service.url, 'PUT', '/management/v1/strategy-assignment', { headers: json(), json: { rules: [], defaultStrategyKey: 'fallback' } });
      expect(unpublished.status).toBe(422);
      expect(unpublished.body.error.issues.map((issue: any) => issue.message)).toEqual(['defaultStrategyKey: no published version of strategy "fallback"']);
      await call(service.url, 'POST', '/management/v1/strategies/fallback/versions/1/publish', { headers: json() });
      const rules = { rules: [{ priority: 1, when: { '>=': [{ var: 'facts.amount' }, 100000] }, strategyKey: 'gentle', version: 2 }], defaultStrategyKey: 'fallback' };
      const set = await call(service.url, 'PUT', '/management/v1/strategy-assignment', { headers: json(), json: rules });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ ...rules, revision: 1 });
      expect((await call(service.url, 'GET', '/management/v1/strategy-assignment', { headers: json() })).body).toMatchObject(rules);
      const pinned = await call(service.url, 'POST', '/management/v1/strategies/gentle/versions/2/retire', { headers: json() });
      expect(pinned.status).toBe(409);
      expect(pinned.body.error).toEqual({ code: 'strategy_in_use', message: 'gentle@2 cannot be retired: assignment rule 0 (priority 1) names version 2; change the assignment rules first' });
      const lastDefault = await call(service.url, 'POST', '/management/v1/strategies/fallback/versions/1/retire', { headers: json() });
      expect(lastDefault.status).toBe(409);
      expect(lastDefault.body.error.message).toContain('"fallback" is the default strategy and this is its last published version');
      const badOperator = await call(service.url, 'PUT', '/management/v1/strategy-assignment', { headers: json(), json: { rules: [{ priority: 1, when: { eval: ['x'] }, strategyKey: 'gentle', version: 'latest-published' }], defaultStrategyKey: 'fallback' } });
      expect(badOperator.status).toBe(422);
      expect(badOperator.body.error.issues[0].message).toBe('rules[0].when: operator "eval" is not allowed in expressions');
      expect((await call(service.url, 'GET', '/management/v1/strategy-assignment', { headers: json() })).body.revision).toBe(1);
      expect((await call(service.url, 'GET', '/management/v1/strategy-assignment', { headers: managementHeaders(other) })).status).toBe(404);
    });
  });
});
