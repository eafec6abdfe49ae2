import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLinkChanges, linkClaims, type LinkGroups } from '../../../src/servicing/domain/claim-links.js';

function changes(groups: LinkGroups, source: string, target: string | null, fresh = 'NEW'): Record<string, string | null> {
  const result = linkClaims(groups, source, target, fresh);
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value);
}

describe('linkClaims', () => {
  it('gives both claims a fresh group when the target has none', () => {
    expect(changes(new Map([['A', null], ['B', null]]), 'A', 'B')).toEqual({ A: 'NEW', B: 'NEW' });
  });

  it('passes the target group on to the source', () => {
    expect(changes(new Map([['A', null], ['B', 'G']]), 'A', 'B')).toEqual({ A: 'G' });
  });

  it('does nothing when both are already in the same group', () => {
    expect(changes(new Map([['A', 'G'], ['B', 'G']]), 'A', 'B')).toEqual({});
  });

  it('clears a group the source leaves when one member would remain', () => {
    expect(changes(new Map([['A', 'OLD'], ['C', 'OLD'], ['B', 'G']]), 'A', 'B')).toEqual({ A: 'G', C: null });
    expect(changes(new Map([['A', 'OLD'], ['C', 'OLD'], ['D', 'OLD'], ['B', 'G']]), 'A', 'B')).toEqual({ A: 'G' });
  });

  it('unlinks with null, clearing a group left with one member', () => {
    expect(changes(new Map([['A', 'G'], ['B', 'G']]), 'A', null)).toEqual({ A: null, B: null });
    expect(changes(new Map([['A', 'G'], ['B', 'G'], ['C', 'G']]), 'A', null)).toEqual({ A: null });
    expect(changes(new Map([['A', null]]), 'A', null)).toEqual({});
  });

  it('refuses unknown source, unknown target and self-links', () => {
    const groups = new Map([['A', null]]);
    const codeOf = (result: ReturnType<typeof linkClaims>) => (result.ok ? undefined : result.error.code);
    expect(codeOf(linkClaims(groups, 'X', 'A', 'N'))).toBe('CLAIM_NOT_FOUND');
    expect(codeOf(linkClaims(groups, 'A', 'X', 'N'))).toBe('LINK_TARGET_NOT_FOUND');
    expect(codeOf(linkClaims(groups, 'A', 'A', 'N'))).toBe('SELF_LINK');
  });

  it('processes the spec example item by item', () => {
    let groups: LinkGroups = new Map([['API_CLAIM_REF_001', null], ['API_CLAIM_REF_002', null], ['API_CLAIM_REF_003', null], ['API_CLAIM_REF_004', 'X']]);
    const body: [string, string | null][] = [['API_CLAIM_REF_002', 'API_CLAIM_REF_001'], ['API_CLAIM_REF_003', 'API_CLAIM_REF_001'], ['API_CLAIM_REF_004', null]];
    body.forEach(([source, target], i) => {
      const result = linkClaims(groups, source, target, `uuid-${i}`);
      if (result.ok) groups = applyLinkChanges(groups, result.value);
    });
    expect(Object.fromEntries(groups)).toEqual({
      API_CLAIM_REF_001: 'uuid-0', API_CLAIM_REF_002: 'uuid-0', API_CLAIM_REF_003: 'uuid-0', API_CLAIM_REF_004: null,
    });
  });

  it('never leaves a group with a single member, whatever the sequence of links', () => {
    const refs = ['A', 'B', 'C', 'D', 'E'];
    const op = fc.tuple(fc.constantFrom(...refs), fc.option(fc.constantFrom(...refs)));
    fc.assert(fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      let groups: LinkGroups = new Map(refs.map((ref) => [ref, null]));
      ops.forEach(([source, target], i) => {
        const result = linkClaims(groups, source, target, `g${i}`);
        if (!result.ok) return expect(source).toBe(target);
        groups = applyLinkChanges(groups, result.value);
        if (target !== null) expect(groups.get(source)).toBe(groups.get(target));
        else expect(groups.get(source)).toBeNull();
      });
      const sizes = new Map<string, number>();
      for (const group of groups.values()) if (group !== null) sizes.set(group, (sizes.get(group) ?? 0) + 1);
      for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(2);
    }));
  });
});
