/** Reader input: plain text with a `key: value` header, PubMed MEDLINE (NLM MEDLINE/PubMed data element descriptions) and PubMed XML (NLM PubMed DTD 2024). */
import { parseXml, type XmlElement } from '../netsim/formats/xml-tree.js';
import { fail, ok, type Issue, type Result } from '../model/index.js';

/** A named part of a document; `text` equals `document.text.slice(offset, offset + text.length)`. */
export interface ReaderSection {
  name: string;
  text: string;
  offset: number;
}

/** One paper (or abstract) to read, with the text all offsets refer to. */
export interface ReaderDocument {
  /** PMID, else the `source`/`id` header, else the file name */
  id: string;
  title?: string;
  meta: Record<string, string>;
  sections: ReaderSection[];
  /** the concatenated text the section offsets refer to */
  text: string;
  format: 'text' | 'medline' | 'pubmed-xml';
  /** 1-based line of the file where this document starts (for plain text: where `text` starts) */
  line: number;
}

const SEPARATOR = '\n\n';

/** Parses a file's text into reader documents, detecting plain text, MEDLINE or PubMed XML from the content. */
export function parseDocuments(text: string, file: string): Result<ReaderDocument[]> {
  const nul = text.indexOf('\0');
  if (nul >= 0)
    return fail({
      file,
      line: lineAt(text, nul),
      message: 'binary file (contains NUL bytes); expected text',
    });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body);
  if (!first) return fail({ file, line: 1, message: 'empty file' });
  const long = longLine(body);
  if (long)
    return fail({
      file,
      line: long.line,
      message: `line ${long.line} is ${long.length.toLocaleString('en')} characters long; the reader takes papers and abstracts with lines up to ${MAX_LINE.toLocaleString('en')} characters (is this a text document?)`,
    });
  if (body[first.index] === '<') return parsePubmedXml(body, file);
  if (
    /^PMID- /m.test(body.slice(first.index, first.index + 4096)) &&
    /^[A-Z]{2,4} *- /.test(body.slice(first.index))
  )
    return parseMedline(body, file);
  return parsePlainText(body, file);
}

/** The longest line a document may have: a whole paper's paragraph is far shorter; a 10 MB line is not prose. */
export const MAX_LINE = 1_000_000;

function longLine(text: string): { line: number; length: number } | undefined {
  if (text.length <= MAX_LINE) return undefined;
  let line = 1;
  let from = 0;
  while (from <= text.length) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    if (end - from > MAX_LINE) return { line, length: end - from };
    from = end + 1;
    line++;
  }
  return undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const fileStem = (file: string): string =>
  file
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]*$/, '')
    .trim() || file;

/** Joins titled parts into one text, recording where each starts. */
function assemble(parts: { name: string; text: string }[]): { text: string; sections: ReaderSection[] } {
  const sections: ReaderSection[] = [];
  let text = '';
  for (const part of parts) {
    if (!part.text) continue;
    if (text) text += SEPARATOR;
    sections.push({ name: part.name, text: part.text, offset: text.length });
    text += part.text;
  }
  return { text, sections };
}

// ---- plain text --------------------------------------------------------------------------------

const HEADER_LINE = /^([a-z][a-z0-9_-]{0,39})[ \t]*:[ \t]*(.*?)[ \t\r]*$/;

function parsePlainText(text: string, file: string): Result<ReaderDocument[]> {
  const meta: Record<string, string> = {};
  let offset = 0;
  let line = 1;
  // Header lines are lower-case `key: value`; `Background: ...` opens an abstract, not a header.
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const match = end - offset <= 2000 ? HEADER_LINE.exec(text.slice(offset, end)) : null;
    if (!match) break;
    meta[match[1]!] = match[2]!;
    offset = end + 1;
    line++;
  }
  const body = text.slice(Math.min(offset, text.length));
  const id = meta.pmid || meta.source || meta.source_id || meta.id || fileStem(file);
  const sections = plainTextSections(body);
  return ok([
    {
      id,
      ...(meta.title ? { title: meta.title } : {}),
      meta,
      sections,
      text: body,
      format: 'text',
      line,
    },
  ]);
}

// A one-line paragraph such as `2.1 Regulatory effect of ...`, `Abstract` or `BACKGROUND` names a section.
const HEADING =
  /\n[ \t]*\n[ \t]*((?:\d+(?:\.\d+)*\.?[ \t]+)?(?:\p{Lu}|[a-z]+[A-Z])[^\n.!?;,:]{0,100}?)[ \t]*(?=\n[ \t]*\n)/gu;

function plainTextSections(body: string): ReaderSection[] {
  const headings: { name: string; start: number; end: number }[] = [];
  // Two leading newlines let a heading on the first line match like any other; they shift offsets by 2.
  const padded = '\n\n' + body;
  HEADING.lastIndex = 0;
  for (let m = HEADING.exec(padded); m; m = HEADING.exec(padded)) {
    const start = m.index + m[0].indexOf(m[1]!) - 2;
    headings.push({ name: m[1]!.trim(), start, end: start + m[1]!.length });
  }
  const sections: ReaderSection[] = [];
  const add = (name: string, from: number, to: number): void => {
    const slice = body.slice(from, to);
    const lead = slice.length - slice.trimStart().length;
    const content = slice.trim();
    if (content) sections.push({ name, text: content, offset: from + lead });
  };
  add('Body', 0, headings[0]?.start ?? body.length);
  headings.forEach((h, i) => add(h.name, h.end, headings[i + 1]?.start ?? body.length));
  return sections;
}

// ---- MEDLINE -----------------------------------------------------------------------------------

const MEDLINE_FIELD = /^([A-Z][A-Z0-9]{0,3}) *- ?(.*)$/;

function parseMedline(text: string, file: string): Result<ReaderDocument[]> {
  const issues: Issue[] = [];
  const documents: ReaderDocument[] = [];
  let fields: { tag: string; value: string; line: number }[] = [];
  let recordLine = 0;
  const finish = (): void => {
    if (fields.length) {
      const document = medlineRecord(fields, recordLine, file, issues);
      if (document) documents.push(document);
    }
    fields = [];
  };
  let lineNo = 0;
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const raw = text.slice(offset, end).replace(/\r$/, '');
    lineNo++;
    offset = end + 1;
    if (!raw.trim()) {
      finish();
      continue;
    }
    if (/^ {2,}\S/.test(raw) && fields.length) {
      fields[fields.length - 1]!.value += ' ' + raw.trim();
      continue;
    }
    const match = MEDLINE_FIELD.exec(raw);
    if (!match) {
      issues.push({
        file,
        line: lineNo,
        message: `not a MEDLINE field line ("TAG - value"): ${preview(raw)}`,
      });
      continue;
    }
    if (!fields.length) recordLine = lineNo;
    fields.push({ tag: match[1]!, value: match[2]!.trim(), line: lineNo });
  }
  finish();
  return issues.length ? fail(...issues) : ok(documents);
}

function medlineRecord(
  fields: { tag: string; value: string; line: number }[],
  line: number,
  file: string,
  issues: Issue[],
): ReaderDocument | undefined {
  const all = (tag: string): string[] => fields.filter((f) => f.tag === tag).map((f) => f.value);
  const pmid = all('PMID')[0];
  if (!pmid) {
    issues.push({ file, line, field: 'PMID', message: 'MEDLINE record has no PMID' });
    return undefined;
  }
  if (!/^\d+$/.test(pmid)) {
    const at = fields.find((f) => f.tag === 'PMID')!.line;
    issues.push({ file, line: at, field: 'PMID', message: `PMID must be a number, got '${preview(pmid)}'` });
    return undefined;
  }
  const meta: Record<string, string> = { pmid };
  const title = all('TI').join(' ');
  const set = (key: string, value: string | undefined): void => {
    if (value) meta[key] = value;
  };
  set('title', title);
  set('journal', all('JT')[0] ?? all('TA')[0]);
  set('date', all('DP')[0]);
  set('year', /\b(\d{4})\b/.exec(all('DP')[0] ?? '')?.[1]);
  set('authors', all('AU').join('; '));
  const doi = [...all('LID'), ...all('AID')].find((v) => /\[doi\]\s*$/.test(v));
  set('doi', doi?.replace(/\s*\[doi\]\s*$/, ''));
  set('pmcid', all('PMC')[0]);
  set('publication_type', all('PT').join('; '));
  const abstract = all('AB').join(' ');
  const { text, sections } = assemble([{ name: 'Title', text: title }, ...structuredAbstract(abstract)]);
  return {
    id: pmid,
    ...(title ? { title } : {}),
    meta,
    sections,
    text,
    format: 'medline',
    line,
  };
}

// MEDLINE flattens structured abstracts to `BACKGROUND: ... METHODS: ...`; upper-case labels restore the parts.
function structuredAbstract(abstract: string): { name: string; text: string }[] {
  const label = /(?:^|(?<=[.!?]) )([A-Z][A-Z ,&/-]{2,40}): /g;
  const starts: { name: string; at: number; body: number }[] = [];
  for (let m = label.exec(abstract); m; m = label.exec(abstract))
    starts.push({ name: m[1]!, at: m.index + (m[0].startsWith(' ') ? 1 : 0), body: m.index + m[0].length });
  if (!starts.length || starts[0]!.at !== 0) return [{ name: 'Abstract', text: abstract }];
  return starts.map((s, i) => ({
    name: s.name,
    text: abstract.slice(s.body, i + 1 < starts.length ? starts[i + 1]!.at : abstract.length).trim(),
  }));
}

const preview = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

// ---- PubMed XML --------------------------------------------------------------------------------

function parsePubmedXml(text: string, file: string): Result<ReaderDocument[]> {
  const parsed = parseXml(text, file, { text: 'all', htmlEntities: true });
  if (!parsed.ok) return parsed;
  const root = parsed.value.root;
  if (root.name !== 'PubmedArticleSet')
    return fail({
      file,
      line: 1,
      field: 'xml',
      message: `expected a <PubmedArticleSet> root element, found <${root.name}>`,
    });
  const issues: Issue[] = [];
  const documents: ReaderDocument[] = [];
  for (const article of root.children.filter((c) => c.name === 'PubmedArticle')) {
    const line = article.line;
    const citation = child(article, 'MedlineCitation');
    const pmid = citation && child(citation, 'PMID')?.text.trim();
    if (!citation || !pmid) {
      issues.push({ file, line, field: 'PMID', message: '<PubmedArticle> has no MedlineCitation/PMID' });
      continue;
    }
    const articleNode = child(citation, 'Article');
    const title = clean(articleNode ? (child(articleNode, 'ArticleTitle')?.text ?? '') : '');
    const abstract = articleNode ? child(articleNode, 'Abstract') : undefined;
    const parts = (abstract?.children ?? [])
      .filter((c) => c.name === 'AbstractText')
      .map((c) => ({ name: c.attrs.Label ? c.attrs.Label : 'Abstract', text: clean(c.text) }));
    const meta: Record<string, string> = { pmid };
    if (title) meta.title = title;
    const journal = articleNode && child(articleNode, 'Journal');
    const journalTitle = journal && child(journal, 'Title')?.text.trim();
    if (journalTitle) meta.journal = journalTitle;
    const year = journal && find(journal, ['JournalIssue', 'PubDate', 'Year'])?.text.trim();
    if (year) meta.year = year;
    const doi = articleNode?.children.find((c) => c.name === 'ELocationID' && c.attrs.EIdType === 'doi');
    const articleDoi =
      doi?.text.trim() ||
      find(article, ['PubmedData', 'ArticleIdList'])
        ?.children.find((c) => c.attrs.IdType === 'doi')
        ?.text.trim();
    if (articleDoi) meta.doi = articleDoi;
    const authors = (articleNode && find(articleNode, ['AuthorList']))?.children
      .filter((c) => c.name === 'Author')
      .map((a) =>
        [child(a, 'LastName')?.text.trim(), child(a, 'Initials')?.text.trim()].filter(Boolean).join(' '),
      )
      .filter(Boolean);
    if (authors?.length) meta.authors = authors.join('; ');
    const { text: body, sections } = assemble([{ name: 'Title', text: title }, ...parts]);
    documents.push({
      id: pmid,
      ...(title ? { title } : {}),
      meta,
      sections,
      text: body,
      format: 'pubmed-xml',
      line,
    });
  }
  return issues.length ? fail(...issues) : ok(documents);
}

const child = (node: XmlElement, name: string): XmlElement | undefined =>
  node.children.find((c) => c.name === name);

function find(node: XmlElement, path: string[]): XmlElement | undefined {
  let current: XmlElement | undefined = node;
  for (const name of path) current = current && child(current, name);
  return current;
}

const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();
