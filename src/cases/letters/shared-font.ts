import PDFDocument from 'pdfkit';

/*
 * pdfkit parses a standard font's metrics (its AFM data: glyph widths and some 2,700 kerning pairs) for every document
 * that uses the font, and looks each kerning pair up by a string built from the two glyph names. Both were a quarter
 * of a letter's rendering time. A letter document instead gets the font with metrics parsed once per process, looked up
 * through nested maps and with each string's width remembered. The metrics are the same numbers, so a letter renders
 * to the same bytes (test/cases/letters.test.ts compares with pdfkit's own font).
 *
 * This reaches into pdfkit's font objects (the `StandardFont` of `document._font` and its `AFMFont`), which pdfkit
 * does not export; `installSharedFont` checks their shape and throws rather than render a different letter.
 */

/** pdfkit's AFMFont: the metrics of a standard font. */
interface AfmMetrics {
  glyphWidths: Record<string, number>;
  kernPairs: Record<string, number>;
  glyphsForString(text: string): string[];
  widthOfGlyph(glyph: string): number;
  getKernPair(left: string, right: string | undefined): number;
  advancesForGlyphs(glyphs: string[]): number[];
}

/** pdfkit's StandardFont as a document holds it. */
interface StandardFontObject {
  document: PDFKit.PDFDocument;
  name: string;
  id: string;
  font: AfmMetrics;
  ascender: number;
  descender: number;
  bbox: number[];
  lineGap: number;
  xHeight: number;
  capHeight: number;
  widthOfString(text: string, size: number): number;
}

interface DocumentFonts {
  _font: StandardFontObject | null;
  _fontFamilies: Record<string, StandardFontObject>;
  _fontCount: number;
}

interface SharedFont {
  readonly prototype: object;
  readonly template: StandardFontObject;
  /** Unscaled width (sum of the glyph advances, kerning included) of each string measured so far. */
  readonly widths: Map<string, number>;
}

/** Strings remembered per font; the letters' texts repeat, the case numbers and amounts in them do not. */
const MAX_REMEMBERED_WIDTHS = 20_000;

const sharedFonts = new Map<string, SharedFont>();

function isStandardFontObject(font: unknown): font is StandardFontObject {
  const candidate = font as Partial<StandardFontObject> | null;
  return typeof candidate?.widthOfString === 'function' && typeof candidate.font?.advancesForGlyphs === 'function'
    && typeof candidate.font.glyphWidths === 'object' && typeof candidate.font.kernPairs === 'object';
}

/** Kerning pairs by left glyph, then right glyph (pdfkit keys them `${left}\0${right}`). */
function nestedKernPairs(kernPairs: Record<string, number>): Map<string, Map<string, number>> {
  const byLeft = new Map<string, Map<string, number>>();
  for (const [pair, amount] of Object.entries(kernPairs)) {
    const [left = '', right = ''] = pair.split('\0');
    let rights = byLeft.get(left);
    if (!rights) byLeft.set(left, rights = new Map());
    rights.set(right, amount);
  }
  return byLeft;
}

/** The same advances as AFMFont.advancesForGlyphs (width + kerning with the next glyph), through the nested maps. */
function fasterAdvances(metrics: AfmMetrics): (glyphs: string[]) => number[] {
  const kerning = nestedKernPairs(metrics.kernPairs);
  const widths = new Map(Object.entries(metrics.glyphWidths));
  return (glyphs) => {
    const advances = new Array<number>(glyphs.length);
    for (let index = 0; index < glyphs.length; index += 1) {
      const left = glyphs[index]!;
      const right = glyphs[index + 1];
      const kern = right === undefined ? 0 : (kerning.get(left)?.get(right) ?? 0);
      advances[index] = (widths.get(left) || 0) + (kern || 0);
    }
    return advances;
  };
}

function sharedFontOf(name: string): SharedFont {
  const known = sharedFonts.get(name);
  if (known) return known;
  const scratch = new PDFDocument({ font: name });
  const template = (scratch as unknown as DocumentFonts)._font;
  if (!isStandardFontObject(template) || template.name !== name) throw new Error(`pdfkit's standard font ${name} is not the shape this renderer knows`);
  template.font.advancesForGlyphs = fasterAdvances(template.font);
  const shared: SharedFont = { prototype: Object.getPrototypeOf(template) as object, template, widths: new Map() };
  sharedFonts.set(name, shared);
  return shared;
}

function widthRemembered(shared: SharedFont): (text: string, size: number) => number {
  const { widths, template } = shared;
  return (text, size) => {
    let width = widths.get(text);
    if (width === undefined) {
      width = 0;
      for (const advance of template.font.advancesForGlyphs(template.font.glyphsForString(text))) width += advance;
      if (widths.size < MAX_REMEMBERED_WIDTHS) widths.set(text, width);
    }
    return width * (size / 1000);
  };
}

/** A new document made without a default font (`font: null`), given `name` as its first font (F1) with shared metrics. */
export function installSharedFont(document: PDFKit.PDFDocument, name: string): void {
  const fonts = document as unknown as DocumentFonts;
  if (fonts._font !== null || fonts._fontCount !== 0) throw new Error('installSharedFont needs a document made with font: null');
  const shared = sharedFontOf(name);
  const { template } = shared;
  const font = Object.create(shared.prototype) as StandardFontObject;
  Object.assign(font, {
    document, name: template.name, id: `F${++fonts._fontCount}`, font: template.font,
    ascender: template.ascender, descender: template.descender, bbox: template.bbox, lineGap: template.lineGap,
    xHeight: template.xHeight, capHeight: template.capHeight,
  });
  font.widthOfString = widthRemembered(shared);
  fonts._fontFamilies[name] = font;
  document.font(name);
}
