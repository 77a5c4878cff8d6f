/** A small ordered element tree over fast-xml-parser 5 with source offsets, so XML model readers can name lines. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail, ok, type Issue, type Result } from '../../model/index.js';

/** One XML element: qualified name, attributes, child elements in document order, text, and where it starts. */
export interface XmlElement {
  /** qualified name as written, e.g. `qual:transition` */
  name: string;
  /** name without its namespace prefix, e.g. `transition` */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** concatenated direct text content, trimmed (with `text: 'all'`: all descendant text, untrimmed) */
  text: string;
  /** 1-based line of the element's `<` in the source */
  line: number;
  /** 1-based column of the element's `<` in the source */
  column: number;
}

/** A parsed document: the root element and the DOCTYPE declaration text (if any). */
export interface XmlDocument {
  root: XmlElement;
  doctype?: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Maps a character offset to a 1-based line and column (binary search over line starts). */
export function textLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

const localOf = (name: string): string => name.slice(name.indexOf(':') + 1);

/** The syntax error of malformed XML as an issue naming line and column; undefined for well-formed XML. */
export function xmlSyntaxIssue(text: string, file: string): Issue | undefined {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid === true) return undefined;
  return {
    file,
    line: valid.err.line,
    field: 'xml',
    message: `malformed XML${valid.err.col ? ` at column ${valid.err.col}` : ''}: ${valid.err.msg}`,
  };
}

export interface XmlParseOptions {
  /**
   * `direct` (default): an element's own text, trimmed (model files); `all`: its own and its descendants' text in
   * document order, whitespace kept (mixed content such as PubMed's `<AbstractText>` with `<i>` inside)
   */
  text?: 'direct' | 'all';
  /** also decode HTML named entities (`&nbsp;`), as PubMed exports use them; default false */
  htmlEntities?: boolean;
}

/** Parses XML text; malformed XML is an issue naming line and column. */
export function parseXml(text: string, file: string, options: XmlParseOptions = {}): Result<XmlDocument> {
  const all = options.text === 'all';
  const syntax = xmlSyntaxIssue(text, file);
  if (syntax) return fail(syntax);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: !all,
    captureMetaData: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: true,
    htmlEntities: options.htmlEntities ?? false,
  });
  const nodes = parser.parse(text) as OrderedNode[];
  const at = textLocator(text);
  const convert = (node: OrderedNode, name: string): XmlElement => {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    const where = at(meta?.startIndex ?? 0);
    const children: XmlElement[] = [];
    const texts: string[] = [];
    for (const child of (node[name] as OrderedNode[] | undefined) ?? []) {
      const childName = Object.keys(child).find((k) => k !== ':@');
      if (childName === undefined) continue;
      if (childName === '#text') texts.push(String(child[childName]));
      else if (!childName.startsWith('#') && !childName.startsWith('?') && !childName.startsWith('!')) {
        const element = convert(child, childName);
        children.push(element);
        if (all) texts.push(element.text);
      }
    }
    return {
      name,
      local: localOf(name),
      attrs: node[':@'] ?? {},
      children,
      text: all ? texts.join('') : texts.join('').trim(),
      ...where,
    };
  };
  const elements = nodes
    .map((n) => ({ node: n, name: Object.keys(n).find((k) => k !== ':@') }))
    .filter(
      (e): e is { node: OrderedNode; name: string } =>
        e.name !== undefined && !e.name.startsWith('#') && !e.name.startsWith('?'),
    );
  if (elements.length !== 1)
    return fail({ file, line: 1, field: 'xml', message: 'expected exactly one root element' });
  const doctype = /<!DOCTYPE[^>]*>/i.exec(text)?.[0];
  return ok({ root: convert(elements[0]!.node, elements[0]!.name), ...(doctype ? { doctype } : {}) });
}

/** An attribute by local name, whatever its namespace prefix (`qual:id` and `id` both match `id`). */
export function attr(element: XmlElement, local: string): string | undefined {
  if (element.attrs[local] !== undefined) return element.attrs[local];
  for (const [key, value] of Object.entries(element.attrs)) if (localOf(key) === local) return value;
  return undefined;
}

/** Child elements with the given local name. */
export function childrenNamed(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local);
}

/** The first child element with the given local name. */
export function childNamed(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local);
}

/** Text escaped for an XML attribute value or element content. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
