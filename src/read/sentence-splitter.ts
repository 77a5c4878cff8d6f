/** Rule-based sentence splitting for hard-wrapped scientific text (abbreviation and citation rules in the spirit of Kiss & Strunk 2006 Punkt, hand-written, no trained model). */

/** A sentence as a half-open character range [start, end) of the input, with its text. */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

// Lower-cased tokens that end in a period without ending the sentence.
const ABBREVIATIONS = new Set([
  'al',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'fig',
  'figs',
  'vs',
  'v',
  'approx',
  'ca',
  'no',
  'nos',
  'cf',
  'eq',
  'eqs',
  'ref',
  'refs',
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'vol',
  'pp',
  'suppl',
  'resp',
  'tab',
  'sp',
  'spp',
  'subsp',
  'var',
  'viz',
  'incl',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'univ',
  'min',
  'max',
]);

// Abbreviations only before a number (`No. 12`, `max. 5`); before a word they end the sentence.
const WEAK_ABBREVIATIONS = new Set(['min', 'max', 'no']);

const TERMINAL_TAIL =
  /[)"'”’\]]*(?:\[\d+(?:\s?[,–-]\s?\d+)*\]|[\d¹²³⁰⁴-⁹]+(?:[,–-][\d¹²³⁰⁴-⁹]+)*)?[)"'”’\]]*/y;
// A lower-case word that still starts a sentence: miR-21, miRNAs, lncRNA, mTOR, let-7, microRNAs.
const LOWER_START = /(?:[a-z]+[A-Z]|let-\d|micro[Rr][Nn][Aa])/y;
const STARTER = /[\p{Lu}\p{Nd}([{"'“‘]/u;
const SPACE = /\s/;
// A list item starts a new sentence even without a blank line before it.
const BULLET = /^\s*[-*•–]\s/;
const RUN_IN_LABEL =
  /(?:abstract|background(?:\/aims?)?|aims?|objectives?|purpose|introduction|(?:materials and )?methods|results|conclusions?|discussion|keywords)[ \t]*:\s+/iy;
// Headings do not end in a word that needs a continuation.
const DANGLING =
  /\b(?:of|the|a|an|and|or|in|on|at|to|by|for|with|from|as|than|that|which|whereas|between|is|are|was|were)$/i;

interface Line {
  start: number;
  end: number; // exclusive, without the newline
}

/** Splits text into sentences; a sentence continues across single line breaks, a blank line or heading ends it. */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const [start, end] of segments(text)) splitSegment(text, start, end, sentences);
  return sentences;
}

/** Ranges that no sentence crosses: paragraphs (re-joined across page breaks) with heading lines cut out. */
function segments(text: string): [number, number][] {
  const blocks = paragraphs(text);
  const merged: Line[][] = [];
  for (const block of blocks) {
    const previous = merged[merged.length - 1];
    if (previous && continuesAcrossBlankLine(text, previous, block)) previous.push(...block);
    else merged.push([...block]);
  }
  const out: [number, number][] = [];
  for (const block of merged) {
    let from = block[0]!.start;
    for (let i = 0; i < block.length; i++) {
      const line = block[i]!;
      if (block.length > 1 && isHeadingLineInBlock(text, block, i)) {
        if (line.start > from) out.push([from, line.start]);
        out.push([line.start, line.end]);
        from = i + 1 < block.length ? block[i + 1]!.start : line.end;
      } else if (i > 0 && BULLET.test(text.slice(line.start, Math.min(line.end, line.start + 12)))) {
        if (line.start > from) out.push([from, line.start]);
        from = line.start;
      }
    }
    const last = block[block.length - 1]!.end;
    if (last > from) out.push([from, last]);
  }
  return out;
}

/** Runs of non-blank lines. */
function paragraphs(text: string): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (isBlank(text, start, end)) {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push({ start, end });
    start = end + 1;
  }
  if (current.length) blocks.push(current);
  return blocks;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!SPACE.test(text[i]!)) return false;
  return true;
}

function trimmed(text: string, line: Line): string {
  return text.slice(line.start, line.end).trim();
}

// PDF page and column breaks leave a blank line inside a sentence; the next paragraph then opens in lower case.
function continuesAcrossBlankLine(text: string, previous: Line[], next: Line[]): boolean {
  const last = trimmed(text, previous[previous.length - 1]!);
  if (isHeadingBlock(text, previous)) return false;
  if (/[.!?:;]["'”’)\]]*(?:\[\d[^\]]*\]|[\d,–-]+)?\.?$/.test(last)) return false;
  const first = trimmed(text, next[0]!);
  return /^\p{Ll}/u.test(first);
}

function isHeadingBlock(text: string, block: Line[]): boolean {
  if (block.length > 5) return false;
  const joined = block.map((line) => trimmed(text, line)).join(' ');
  return joined.length <= 160 && !/[.!?,;]$/.test(joined) && !DANGLING.test(joined);
}

// Inside a paragraph only unmistakable headings count: numbered (`2.1 Results`) or upper-case lines.
function isHeadingLineInBlock(text: string, block: Line[], i: number): boolean {
  const line = block[i]!;
  if (line.end - line.start > 100) return false;
  const content = trimmed(text, line);
  if (content.length < 3 || /[.!?,;:\-–]$/.test(content)) return false;
  const previous = i > 0 ? trimmed(text, block[i - 1]!) : '';
  if (previous && !/[.!?:]["'”’)\]]*[\d,–-]*$/.test(previous)) return false;
  const next = i + 1 < block.length ? trimmed(text, block[i + 1]!) : '';
  if (next && !/^[\p{Lu}\p{Nd}]/u.test(next)) return false;
  if (/^\d+(?:\.\d+)*\.?\s+\p{Lu}/u.test(content) && content.split(/\s+/).length <= 14) return true;
  const letters = content.replace(/[^\p{L}]/gu, '');
  const upper = content.replace(/[^\p{Lu}]/gu, '');
  return letters.length >= 4 && upper.length / letters.length >= 0.8 && content.includes(' ');
}

function splitSegment(text: string, from: number, to: number, out: SentenceSpan[]): void {
  const terminal = /[.!?]/g;
  let start = from;
  terminal.lastIndex = from;
  for (let m = terminal.exec(text); m && m.index < to; m = terminal.exec(text)) {
    const end = sentenceEnd(text, m.index, to);
    if (end === undefined) continue;
    push(text, start, end, out);
    start = end;
    terminal.lastIndex = end;
  }
  push(text, start, to, out);
}

/** Where a sentence ends if the punctuation at `at` ends one, else undefined. */
function sentenceEnd(text: string, at: number, to: number): number | undefined {
  TERMINAL_TAIL.lastIndex = at + 1;
  TERMINAL_TAIL.exec(text);
  const tailEnd = Math.min(TERMINAL_TAIL.lastIndex, to);
  if (tailEnd >= to) return to;
  if (!SPACE.test(text[tailEnd]!)) return undefined;
  let next = tailEnd;
  while (next < to && SPACE.test(text[next]!)) next++;
  if (next >= to) return to;
  if (!startsSentence(text, next)) return undefined;
  if (text[at] !== '.') return tailEnd;
  const token = tokenBefore(text, at);
  const hasCitation = /\d/.test(text.slice(at + 1, tailEnd));
  // `2.5 Gy`: a bare number before the period makes the digits a decimal fraction, not a citation.
  if (hasCitation && /^\d+$/.test(token)) return undefined;
  if (!hasCitation && isAbbreviation(token, text, next)) return undefined;
  return tailEnd;
}

function startsSentence(text: string, at: number): boolean {
  if (STARTER.test(text[at]!)) return true;
  LOWER_START.lastIndex = at;
  return LOWER_START.test(text);
}

/** The word before a period, without leading brackets or quotes, at most 40 characters back. */
function tokenBefore(text: string, at: number): string {
  let i = at;
  const limit = Math.max(0, at - 40);
  while (i > limit && !SPACE.test(text[i - 1]!) && !'([{"“‘'.includes(text[i - 1]!)) i--;
  return text.slice(i, at);
}

function isAbbreviation(token: string, text: string, next: number): boolean {
  const lower = token.toLowerCase();
  if (ABBREVIATIONS.has(lower)) {
    if (!WEAK_ABBREVIATIONS.has(lower)) return true;
    // `No. 12` and `max. 5` go on; `... at most. The` ends.
    return /\p{Nd}/u.test(text[next]!);
  }
  // Initials and dotted abbreviations: `J. Smith`, `U.S.`, `e.g.`
  if (/^\p{Lu}$/u.test(token)) return true;
  return /^(?:\p{L}\.)+\p{L}$/u.test(token);
}

function push(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (end <= start) return;
  // `Results: miR-770-5p was ...`: a run-in abstract label is not part of the sentence after it.
  RUN_IN_LABEL.lastIndex = start;
  const label = RUN_IN_LABEL.exec(text);
  if (label && start + label[0].length < end) {
    const labelEnd = start + label[0].trimEnd().length;
    out.push({ start, end: labelEnd, text: text.slice(start, labelEnd) });
    start += label[0].length;
  }
  out.push({ start, end, text: text.slice(start, end) });
}
