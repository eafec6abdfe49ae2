/**
 * A problem found in a strategy document or in assignment rules: where it is (a path into the document) and what is
 * wrong. `describeProblem` words the path the way a reviewer reads the document: `steps[3] (id "remind-2").next`.
 */
export type ProblemPath = readonly (string | number)[];

export interface StrategyProblem {
  path: ProblemPath;
  message: string;
}

export function problem(path: ProblemPath, message: string): StrategyProblem {
  return { path, message };
}

/** `steps[3] (id "remind-2").next: no step "remind-3"`; the step's id is shown when the document has one there. */
export function describeProblem(document: unknown, found: StrategyProblem): string {
  return `${describePath(document, found.path)}: ${found.message}`;
}

export function describePath(document: unknown, path: ProblemPath): string {
  if (path.length === 0) return '(document)';
  let text = '';
  let node: unknown = document;
  for (const segment of path) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      const id = isRecord(node) ? node.id : undefined;
      if (typeof id === 'string' && id !== '') text += ` (id ${JSON.stringify(id)})`;
    } else {
      text += text === '' ? segment : `.${segment}`;
    }
  }
  return text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
