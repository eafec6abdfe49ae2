/*
 * A line-based diff of two texts (the canonical YAML of two strategy versions), in the unified format reviewers know:
 * `--- a`, `+++ b`, hunks `@@ -l,n +l,n @@` with three lines of context, `-` removed, `+` added. The longest common
 * subsequence is found by dynamic programming over the lines that differ after the common head and tail are cut;
 * strategies are at most a few hundred lines, and the table is bounded by MAX_DIFF_CELLS.
 */
export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string };

const CONTEXT = 3;
export const MAX_DIFF_CELLS = 4_000_000;

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head += 1;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail += 1;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle = (a.length + 1) * (b.length + 1) > MAX_DIFF_CELLS ? replaceAll(a, b) : longestCommonSubsequenceDiff(a, b);
  return [
    ...before.slice(0, head).map((text) => ({ kind: 'same' as const, text })),
    ...middle,
    ...before.slice(before.length - tail).map((text) => ({ kind: 'same' as const, text })),
  ];
}

function replaceAll(a: readonly string[], b: readonly string[]): DiffLine[] {
  return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
}

function longestCommonSubsequenceDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  const width = b.length + 1;
  // lengths[i * width + j]: the LCS length of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! });
      i += 1;
      j += 1;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      lines.push({ kind: 'removed', text: a[i]! });
      i += 1;
    } else {
      lines.push({ kind: 'added', text: b[j]! });
      j += 1;
    }
  }
  for (; i < a.length; i += 1) lines.push({ kind: 'removed', text: a[i]! });
  for (; j < b.length; j += 1) lines.push({ kind: 'added', text: b[j]! });
  return lines;
}

/** The unified diff of two texts; an empty string when they are the same. */
export function unifiedDiff(before: string, after: string, labels: { before: string; after: string }): string {
  const lines = diffLines(splitLines(before), splitLines(after));
  if (lines.every((line) => line.kind === 'same')) return '';
  const out = [`--- ${labels.before}`, `+++ ${labels.after}`];
  for (const hunk of hunks(lines)) out.push(...hunk);
  return `${out.join('\n')}\n`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Groups the changes with CONTEXT lines around them; changes closer than twice that share a hunk. */
function hunks(lines: readonly DiffLine[]): string[][] {
  const changed = lines.flatMap((line, index) => (line.kind === 'same' ? [] : [index]));
  const groups: [number, number][] = [];
  for (const index of changed) {
    const last = groups.at(-1);
    if (last && index - last[1] <= 2 * CONTEXT + 1) last[1] = index;
    else groups.push([index, index]);
  }
  // Line numbers (1-based) in each text where each diff line sits.
  const beforeLine: number[] = [];
  const afterLine: number[] = [];
  let inBefore = 1;
  let inAfter = 1;
  for (const line of lines) {
    beforeLine.push(inBefore);
    afterLine.push(inAfter);
    if (line.kind !== 'added') inBefore += 1;
    if (line.kind !== 'removed') inAfter += 1;
  }
  return groups.map(([first, last]) => {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(lines.length - 1, last + CONTEXT);
    const slice = lines.slice(from, to + 1);
    const removedCount = slice.filter((line) => line.kind !== 'added').length;
    const addedCount = slice.filter((line) => line.kind !== 'removed').length;
    const header = `@@ -${removedCount === 0 ? beforeLine[from]! - 1 : beforeLine[from]},${removedCount} +${addedCount === 0 ? afterLine[from]! - 1 : afterLine[from]},${addedCount} @@`;
    return [header, ...slice.map((line) => `${line.kind === 'same' ? ' ' : line.kind === 'removed' ? '-' : '+'}${line.text}`)];
  });
}
