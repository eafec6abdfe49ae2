import type { Channel } from '../domain/strategy/document.js';
import { err, ok, type Result } from '../../platform/result.js';
import type { Language } from './language.js';
import { MAX_SMS_SEGMENTS, smsSegments } from './sms.js';
import { CONTENT_FIELDS, PLACEHOLDERS, type TemplateContent, type TemplateValues } from './templates/content.js';

/*
 * Pure rendering of a template version into one channel's message. Templates are eta's syntax, restricted to plain
 * interpolations `<%= it.<placeholder> %>` (checkTemplateContent refuses anything else, so a tenant's template can run
 * no code). The HTML part escapes every interpolated value (as eta's autoEscape does) and the template's own text; the
 * text parts (e-mail text, SMS, letter) are plain text, where HTML escaping would only corrupt names such as "A & B".
 *
 * As nothing but interpolations is allowed, a source is kept as its literal runs and placeholder names (a plan, made
 * once per source and cached) and rendered by joining them: what eta renders for such a source, without its per-call
 * set-up (test/collections/messages-render.test.ts compares both). An e-mail body's paragraphs and their HTML are
 * planned once per body.
 */

export type RenderedMessage =
  | { channel: 'email'; subject: string; text: string; html: string }
  | { channel: 'sms'; text: string; segments: number }
  | { channel: 'letter'; subject: string; paragraphs: string[] };

export interface RenderRefusal {
  code: 'SMS_TOO_LONG';
  message: string;
}

export interface TemplateProblem {
  /** The field, e.g. `content.sms.text`. */
  path: string;
  message: string;
}

const TAG = /<%([\s\S]*?)%>/g;
const INTERPOLATION = /^=\s*it\.([A-Za-z]+)\s*$/;
const FIELD_LIMITS: Readonly<Record<string, number>> = { subject: 200, body: 10_000, text: 1_000 };

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function sourceProblems(path: string, source: unknown, limit: number): TemplateProblem[] {
  if (typeof source !== 'string' || source.trim() === '') return [{ path, message: 'must be a non-empty string' }];
  if (source.length > limit) return [{ path, message: `must be at most ${limit} characters` }];
  const problems: TemplateProblem[] = [];
  for (const match of source.matchAll(TAG)) {
    const name = INTERPOLATION.exec(match[1] ?? '')?.[1];
    if (name === undefined) problems.push({ path, message: `only placeholders <%= it.name %> are allowed, not ${match[0].slice(0, 60)}` });
    else if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push({ path, message: `unknown placeholder it.${name}; known: ${PLACEHOLDERS.join(', ')}` });
  }
  const outside = source.replace(TAG, '');
  if (outside.includes('<%') || outside.includes('%>')) problems.push({ path, message: 'has an unclosed <% or a stray %>' });
  return problems;
}

/** Every problem of a template version's content, each naming its field (`content.email.subject`, …). */
export function checkTemplateContent(content: unknown): TemplateProblem[] {
  if (typeof content !== 'object' || content === null) return [{ path: 'content', message: 'must be an object with email, sms and letter' }];
  const problems: TemplateProblem[] = [];
  for (const [channel, field] of CONTENT_FIELDS) {
    const part = (content as Record<string, unknown>)[channel];
    const source = typeof part === 'object' && part !== null ? (part as Record<string, unknown>)[field] : undefined;
    problems.push(...sourceProblems(`content.${channel}.${field}`, source, FIELD_LIMITS[field] ?? 1_000));
  }
  return problems;
}

function paragraphsOf(source: string): string[] {
  return source.replace(/\r\n/g, '\n').split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');
}

/** The landing page's URL is a link in the HTML part (eta escapes it inside the attribute too). */
function linkedTag(tag: string): string {
  return INTERPOLATION.exec(tag.slice(2, -2))?.[1] === 'landingPageUrl' ? `<a href="${tag}">${tag}</a>` : tag;
}

/** A paragraph of template source as HTML source: its literal text escaped, its placeholders kept (the landing URL linked), lines as <br>. */
function paragraphHtmlSource(paragraph: string): string {
  let html = '';
  let last = 0;
  for (const match of paragraph.matchAll(TAG)) {
    html += escapeHtml(paragraph.slice(last, match.index)).replace(/\n/g, '<br>\n') + linkedTag(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  return `<p>${html}${escapeHtml(paragraph.slice(last)).replace(/\n/g, '<br>\n')}</p>`;
}

/** A checked template source: `literals[0]`, value of `names[0]`, `literals[1]`, …; one more literal than names. */
interface Plan {
  literals: string[];
  names: string[];
}

/** A body: its paragraphs' text plans and (for e-mail) their HTML plans. */
interface BodyPlan {
  text: Plan[];
  html: Plan[];
}

const MAX_PLANS = 2000;
const plans = new Map<string, Plan>();
const bodies = new Map<string, BodyPlan>();

function remembered<T>(cache: Map<string, T>, source: string, make: (source: string) => T): T {
  let value = cache.get(source);
  if (value === undefined) {
    if (cache.size >= MAX_PLANS) cache.clear();
    value = make(source);
    cache.set(source, value);
  }
  return value;
}

function planOf(source: string): Plan {
  return remembered(plans, source, () => {
    const literals: string[] = [];
    const names: string[] = [];
    let last = 0;
    for (const match of source.matchAll(TAG)) {
      const name = INTERPOLATION.exec(match[1] ?? '')?.[1];
      if (name === undefined) throw new Error(`template source with more than interpolations: ${match[0].slice(0, 60)}`);
      literals.push(lineBreaksAsEtaWrites(source.slice(last, match.index)));
      names.push(name);
      last = (match.index ?? 0) + match[0].length;
    }
    literals.push(lineBreaksAsEtaWrites(source.slice(last)));
    return { literals, names };
  });
}

/** eta writes every line break of a template's text (CRLF, CR, LF) as LF. */
function lineBreaksAsEtaWrites(text: string): string {
  return text.replace(/\r\n|\n|\r/g, '\n');
}

/** eta's escape of an interpolated value. */
function escapeValue(value: unknown): string {
  const text = String(value);
  return /[&<>"']/.test(text) ? escapeHtml(text) : text;
}

function render(plan: Plan, values: TemplateValues, escape: boolean): string {
  const record = values as unknown as Record<string, unknown>;
  let out = plan.literals[0]!;
  for (let index = 0; index < plan.names.length; index += 1) {
    const value = record[plan.names[index]!];
    out += (escape ? escapeValue(value) : String(value)) + plan.literals[index + 1]!;
  }
  return out;
}

/** One checked template source rendered with the values; `html`: each value escaped for HTML. */
export function renderTemplateSource(source: string, values: TemplateValues, html: boolean): string {
  return render(planOf(source), values, html);
}

function renderText(source: string, values: TemplateValues): string {
  return render(planOf(source), values, false);
}

function bodyPlan(body: string): BodyPlan {
  return remembered(bodies, body, () => {
    const paragraphs = paragraphsOf(body);
    return { text: paragraphs.map(planOf), html: paragraphs.map((paragraph) => planOf(paragraphHtmlSource(paragraph))) };
  });
}

function emailHtml(subject: string, body: BodyPlan, values: TemplateValues, language: Language): string {
  const paragraphs = body.html.map((paragraph) => render(paragraph, values, true));
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    '<body style="margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    '<main style="max-width:600px">',
    `<h1 style="font-size:20px;line-height:1.3;margin:0 0 16px">${escapeHtml(subject)}</h1>`,
    ...paragraphs,
    '</main>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** Non-breaking spaces (Intl puts them in amounts and dates) as plain spaces: they would force an SMS into UCS-2. */
function smsText(text: string): string {
  return text.replace(/[\u00A0\u202F]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One channel of a template version, rendered with the message's values. */
export function renderChannel(
  content: TemplateContent, channel: Channel, values: TemplateValues, language: Language,
): Result<RenderedMessage, RenderRefusal> {
  switch (channel) {
    case 'email': {
      const subject = smsText(renderText(content.email.subject, values));
      const body = bodyPlan(content.email.body);
      const text = body.text.map((paragraph) => render(paragraph, values, false)).join('\n\n');
      return ok({ channel, subject, text: `${text}\n`, html: emailHtml(subject, body, values, language) });
    }
    case 'sms': {
      const text = smsText(renderText(content.sms.text, values));
      const segments = smsSegments(text);
      if (segments > MAX_SMS_SEGMENTS) return err({ code: 'SMS_TOO_LONG', message: `the SMS takes ${segments} segments, more than ${MAX_SMS_SEGMENTS}` });
      return ok({ channel, text, segments });
    }
    case 'letter':
      return ok({
        channel,
        subject: smsText(renderText(content.letter.subject, values)),
        paragraphs: bodyPlan(content.letter.body).text.map((paragraph) => render(paragraph, values, false)),
      });
  }
}
