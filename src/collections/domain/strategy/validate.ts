import type { ClaimFacts, Expression, Step, StrategyDocument } from './document.js';
import { isZeroDuration, parseIsoDuration, parseUntil } from './durations.js';
import { unknownOperators } from './expressions.js';
import { problem, type ProblemPath, type StrategyProblem } from './problems.js';

/*
 * What the JSON Schema cannot say about a strategy document that has its shape: every step reference resolves,
 * every step can be reached, no loop can run without waiting, durations and `until` parse, split weights are
 * positive, expressions use only the sandbox's operators. Each problem names the step and field.
 */

/** A reference from one step (or reaction) to another: where it is written and the id it names. */
interface StepReference {
  path: ProblemPath;
  target: string;
}

export function semanticProblems(document: StrategyDocument): StrategyProblem[] {
  const idsAt = stepIndexes(document.steps);
  return [
    ...duplicateIds(document.steps),
    ...document.steps.flatMap((step, index) => stepProblems(step, ['steps', index])),
    ...danglingReferences(document, idsAt),
    ...unreachableSteps(document, idsAt),
    ...loopsWithoutWait(document, idsAt),
    ...guardProblems(document),
  ];
}

function stepIndexes(steps: readonly Step[]): Map<string, number> {
  const indexes = new Map<string, number>();
  steps.forEach((step, index) => {
    if (!indexes.has(step.id)) indexes.set(step.id, index);
  });
  return indexes;
}

function duplicateIds(steps: readonly Step[]): StrategyProblem[] {
  const first = new Map<string, number>();
  return steps.flatMap((step, index) => {
    const earlier = first.get(step.id);
    if (earlier === undefined) {
      first.set(step.id, index);
      return [];
    }
    return [problem(['steps', index, 'id'], `"${step.id}" is already the id of steps[${earlier}]`)];
  });
}

/** The steps a step can go to, each with the field that names it. */
export function stepReferences(step: Step, at: ProblemPath): StepReference[] {
  const ref = (field: (string | number)[], target: string | undefined): StepReference[] =>
    target === undefined ? [] : [{ path: [...at, ...field], target }];
  switch (step.type) {
    case 'message':
      return ref(['next'], step.next);
    case 'wait':
      return [...ref(['next'], step.next), ...ref(['onEvent'], step.onEvent)];
    case 'condition':
      return [...ref(['then'], step.then), ...ref(['else'], step.else)];
    case 'split':
      return step.arms.flatMap((arm, index) => ref(['arms', index, 'next'], arm.next));
    case 'escalate':
      return ref(['next'], step.next);
    case 'end':
      return [];
  }
}

function reactionReferences(document: StrategyDocument): StepReference[] {
  return (document.reactions ?? []).flatMap((reaction, index) =>
    'goto' in reaction.do ? [{ path: ['reactions', index, 'do', 'goto'], target: reaction.do.goto }] : []);
}

function danglingReferences(document: StrategyDocument, idsAt: Map<string, number>): StrategyProblem[] {
  const references = [...document.steps.flatMap((step, index) => stepReferences(step, ['steps', index])), ...reactionReferences(document)];
  return references
    .filter((reference) => !idsAt.has(reference.target))
    .map((reference) => problem(reference.path, `no step "${reference.target}"`));
}

/**
 * Runs start at the first step; a reaction's `goto` may start a path of its own. Steps nothing reaches are reported
 * once per cut-off part: at the step that leads into it (one a typo in a `next` orphans), naming the steps after it.
 */
function unreachableSteps(document: StrategyDocument, idsAt: Map<string, number>): StrategyProblem[] {
  const roots = [0, ...reactionReferences(document).flatMap((reference) => indexOf(idsAt, reference.target))];
  const reached = reachableFrom(document, idsAt, roots, new Set());
  const unreached = document.steps.map((_step, index) => index).filter((index) => !reached.has(index));
  const enteredFromUnreached = new Set(unreached.flatMap((index) =>
    stepReferences(document.steps[index]!, []).flatMap((reference) => indexOf(idsAt, reference.target)).filter((target) => target !== index)));
  const entries = [...unreached.filter((index) => !enteredFromUnreached.has(index)), ...unreached];
  const covered = new Set(reached);
  const problems: StrategyProblem[] = [];
  for (const entry of entries) {
    if (covered.has(entry)) continue;
    const part = [...reachableFrom(document, idsAt, [entry], covered)].filter((index) => index !== entry).sort((a, b) => a - b);
    for (const index of [entry, ...part]) covered.add(index);
    const after = part.length === 0 ? '' : ` (nor can ${part.map((index) => `"${document.steps[index]!.id}"`).join(', ')}, reached only through it)`;
    problems.push(problem(['steps', entry], `step "${document.steps[entry]!.id}" can never be reached from the first step "${document.steps[0]!.id}" or a reaction's goto${after}`));
  }
  return problems;
}

/** Every step reachable from `starts` by following step references, not entering `stop`. */
function reachableFrom(document: StrategyDocument, idsAt: Map<string, number>, starts: readonly number[], stop: ReadonlySet<number>): Set<number> {
  const reached = new Set<number>();
  const pending = [...starts];
  while (pending.length > 0) {
    const index = pending.pop()!;
    if (reached.has(index) || stop.has(index)) continue;
    reached.add(index);
    for (const reference of stepReferences(document.steps[index]!, [])) pending.push(...indexOf(idsAt, reference.target));
  }
  return reached;
}

function indexOf(idsAt: Map<string, number>, id: string): number[] {
  const index = idsAt.get(id);
  return index === undefined ? [] : [index];
}

/** A wait with a duration is what lets a loop come round again later rather than at once. */
function waitsForTime(step: Step): boolean {
  if (step.type !== 'wait' || step.duration === undefined) return false;
  const duration = parseIsoDuration(step.duration);
  return duration !== null && !isZeroDuration(duration);
}

/**
 * A loop that passes no wait with a duration would run its steps again and again in one instant (an `until` wait
 * does not count: its date is passed after the first round). Each such loop is reported once, at the step where a
 * depth-first walk from the first step closes it.
 */
function loopsWithoutWait(document: StrategyDocument, idsAt: Map<string, number>): StrategyProblem[] {
  const state = new Map<number, 'open' | 'done'>();
  const trail: number[] = [];
  const problems: StrategyProblem[] = [];
  const visit = (index: number) => {
    state.set(index, 'open');
    trail.push(index);
    const step = document.steps[index]!;
    if (!waitsForTime(step)) {
      for (const reference of stepReferences(step, ['steps', index])) {
        const target = idsAt.get(reference.target);
        if (target === undefined) continue;
        if (state.get(target) === 'open') {
          const loop = trail.slice(trail.indexOf(target)).map((at) => document.steps[at]!.id);
          problems.push(problem(reference.path, `loop ${[...loop, document.steps[target]!.id].map((id) => `"${id}"`).join(' → ')} has no wait with a duration`));
        } else if (!state.has(target)) {
          visit(target);
        }
      }
    }
    trail.pop();
    state.set(index, 'done');
  };
  document.steps.forEach((_step, index) => {
    if (!state.has(index)) visit(index);
  });
  return problems;
}

function stepProblems(step: Step, at: ProblemPath): StrategyProblem[] {
  switch (step.type) {
    case 'message':
      return messageProblems(step, at);
    case 'wait':
      return waitProblems(step, at);
    case 'condition':
      return expressionProblems(step.if, [...at, 'if']);
    case 'split':
      return splitProblems(step, at);
    case 'escalate':
    case 'end':
      return [];
  }
}

function messageProblems(step: Extract<Step, { type: 'message' }>, at: ProblemPath): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  (step.fallbacks ?? []).forEach((fallback, index) => {
    if (fallback === step.channel) problems.push(problem([...at, 'fallbacks', index], `"${fallback}" is already the step's channel`));
  });
  if (step.sendWindow && step.sendWindow.from >= step.sendWindow.to) {
    problems.push(problem([...at, 'sendWindow'], `from ${step.sendWindow.from} must be earlier than to ${step.sendWindow.to}`));
  }
  return problems;
}

function waitProblems(step: Extract<Step, { type: 'wait' }>, at: ProblemPath): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  if ((step.duration === undefined) === (step.until === undefined)) {
    problems.push(problem(at, 'a wait needs exactly one of duration and until'));
  }
  if (step.duration !== undefined) {
    const duration = parseIsoDuration(step.duration);
    if (!duration) problems.push(problem([...at, 'duration'], `"${step.duration}" is not an ISO 8601 duration such as P7D or PT12H`));
    else if (isZeroDuration(duration)) problems.push(problem([...at, 'duration'], 'must be longer than zero'));
  }
  if (step.until !== undefined) {
    const until = parseUntil(step.until);
    if (!until.ok) problems.push(problem([...at, 'until'], until.reason));
  }
  if (step.onEvent !== undefined && step.orEvent === undefined) {
    problems.push(problem([...at, 'onEvent'], 'is only used with orEvent'));
  }
  return problems;
}

function splitProblems(step: Extract<Step, { type: 'split' }>, at: ProblemPath): StrategyProblem[] {
  const seen = new Set<string>();
  return step.arms.flatMap((arm, index) => {
    const problems: StrategyProblem[] = [];
    if (!(Number.isFinite(arm.weight) && arm.weight > 0)) problems.push(problem([...at, 'arms', index, 'weight'], 'must be a positive number'));
    if (seen.has(arm.name)) problems.push(problem([...at, 'arms', index, 'name'], `"${arm.name}" names another arm of this split`));
    seen.add(arm.name);
    return problems;
  });
}

/**
 * Only the sandbox's operators, and `var`s that name a fact: anything else is refused before it could ever be
 * evaluated (a misspelt fact would otherwise read as null and quietly take the other branch).
 */
export function expressionProblems(expression: Expression, at: ProblemPath): StrategyProblem[] {
  const operators = unknownOperators(expression).map(({ operator, path }) =>
    problem(at, `operator "${operator}"${path === '' ? '' : ` at ${path}`} is not allowed in expressions`));
  if (operators.length > 0) return operators;
  return unknownFacts(expression, '', false).map(({ name, path }) =>
    problem(at, `{"var": ${JSON.stringify(name)}}${path === '' ? '' : ` at ${path}`} names no fact; facts are read as "facts.<name>" with <name> one of ${Object.keys(FACTS).join(', ')}`));
}

/** The facts an expression may read (ClaimFacts): a `map` fact reads any field below it (`facts.scores.risk`). */
const FACTS: Record<keyof ClaimFacts, 'value' | 'map'> = {
  claimReference: 'value', accountReference: 'value', currency: 'value', amount: 'value', outstanding: 'value', dueDate: 'value',
  daysPastDue: 'value', debtorCountry: 'value', debtorLanguage: 'value', debtorTimeZone: 'value', hasEmail: 'value', hasPhone: 'value',
  hasPostalAddress: 'value', scores: 'map', promise: 'value', instalmentPlan: 'value', disputeOpen: 'value', lastMessageOpened: 'value',
  insured: 'value', trigger: 'map',
};
/** Operators whose later arguments run over the items of their first: a `var` there reads the item, not the facts. */
const ITERATING = new Set(['all', 'some', 'none']);

function unknownFacts(expression: unknown, path: string, overItem: boolean): { name: string; path: string }[] {
  if (Array.isArray(expression)) return expression.flatMap((item, index) => unknownFacts(item, `${path}/${index}`, overItem));
  if (expression === null || typeof expression !== 'object') return [];
  const [operator, argument] = Object.entries(expression as Record<string, unknown>)[0]!;
  if (operator === 'var') {
    const name = Array.isArray(argument) ? argument[0] : argument;
    if (overItem || (typeof name !== 'string' && typeof name !== 'number')) return unknownFacts(argument, `${path}/var`, overItem);
    return namesFact(String(name)) ? [] : [{ name: String(name), path }];
  }
  if (ITERATING.has(operator) && Array.isArray(argument)) {
    return argument.flatMap((item, index) => unknownFacts(item, `${path}/${operator}/${index}`, overItem || index > 0));
  }
  return unknownFacts(argument, `${path}/${operator}`, overItem);
}

function namesFact(name: string): boolean {
  const [root, fact, ...below] = name.split('.');
  if (root !== 'facts' || fact === undefined) return false;
  const kind = FACTS[fact as keyof ClaimFacts];
  return kind === 'map' || (kind === 'value' && below.length === 0);
}

function guardProblems(document: StrategyDocument): StrategyProblem[] {
  const quiet = document.guards?.quietHours;
  if (quiet && quiet.from === quiet.to) return [problem(['guards', 'quietHours'], 'from and to are the same time')];
  return [];
}
