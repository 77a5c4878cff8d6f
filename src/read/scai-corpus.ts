// SCAI miRNA corpus reader (Bagewadi et al., F1000Research 2014;3:205; DDI-style XML, inclusive-end charOffset).
import { XMLParser } from 'fast-xml-parser';
import { textLocator, xmlSyntaxIssue } from '../netsim/formats/xml-tree.js';
import { fail, ok, type Issue, type Result } from '../model/index.js';

export const SCAI_ENTITY_TYPES = [
  'Specific_miRNAs',
  'Non-Specific_miRNAs',
  'Genes/Proteins',
  'Diseases',
  'Species',
  'Relation_Trigger',
] as const;
export type ScaiEntityType = (typeof SCAI_ENTITY_TYPES)[number];

/** A character span, half-open `[start, end)` in UTF-16 code units (JavaScript string indices). */
export type Span = readonly [start: number, end: number];

/** How an entity's spans relate to its `text` attribute. */
export type OffsetStatus = 'exact' | 'trimmed';

export interface ScaiEntity {
  id: string;
  type: ScaiEntityType;
  text: string;
  /** the raw `charOffset` attribute (inclusive ends, comma-separated parts) */
  charOffset: string;
  /** sentence-relative half-open spans, after repair */
  spans: Span[];
  /**
   * `trimmed`: the annotation (span and `text`, or the span alone) included surrounding whitespace;
   * spans and `text` were trimmed so that readers' mentions can match (one Genes/Proteins entity in
   * each split of the distributed corpus: 'complement factor H ', 'tumor necrosis factor-α ').
   */
  offsetStatus: OffsetStatus;
  line: number;
}

export interface ScaiPair {
  id: string;
  e1: string;
  e2: string;
  interaction: boolean;
  /** e.g. `Specific_miRNAs-Genes/Proteins` */
  type: string;
  line: number;
}

export interface ScaiSentence {
  id: string;
  /** `PMID.sN`; N is the sentence's position in the abstract */
  origId: string;
  text: string;
  /** where `text` starts in the document's `text` */
  offset: number;
  entities: ScaiEntity[];
  pairs: ScaiPair[];
  line: number;
}

export interface ScaiDocument {
  id: string;
  /** PubMed identifier */
  origId: string;
  /**
   * Sentences in abstract order (by the N of `origId` `PMID.sN`); the XML lists them in another
   * order, and `id`s keep the XML numbering.
   */
  sentences: ScaiSentence[];
  /** the sentences joined by '\n' in abstract order: the text a reader sees for this document */
  text: string;
  line: number;
}

const SENTENCE_SEPARATOR = '\n';
const ARRAY_TAGS = new Set(['document', 'sentence', 'entity', 'pair']);
type Node = Record<string, unknown>;

/** Parses a SCAI `charOffset` ("24-32" or "3-7,12-15", inclusive ends) into half-open spans. */
export function parseCharOffset(charOffset: string): Span[] | undefined {
  const spans: Span[] = [];
  for (const part of charOffset.split(',')) {
    const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
    if (!m) return undefined;
    const start = Number(m[1]);
    const end = Number(m[2]) + 1;
    if (end <= start) return undefined;
    spans.push([start, end]);
  }
  return spans.length ? spans : undefined;
}

/** The text covered by spans, discontinuous parts joined by one space (SCAI's convention for `text`). */
export function spanText(text: string, spans: readonly Span[]): string {
  return spans.map(([s, e]) => text.slice(s, e)).join(' ');
}

/** Shrinks each span past surrounding whitespace. */
function trimSpans(text: string, spans: readonly Span[]): Span[] {
  return spans.map(([s, e]) => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    return [a, b] as const;
  });
}

const sentenceIndex = (origId: string): number => {
  const m = /\.s(\d+)$/.exec(origId);
  return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
};

/** Parses the SCAI miRNA corpus XML (either split; original or miRExplore's `_fixed` copy). */
export function parseScaiCorpus(xml: string, file: string): Result<ScaiDocument[]> {
  const syntax = xmlSyntaxIssue(xml, file);
  if (syntax) return fail(syntax);
  // trimValues must stay off: it would also trim attribute values and shift sentence offsets
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    captureMetaData: true,
    ignoreDeclaration: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  const tree = parser.parse(xml) as Node;
  const META = XMLParser.getMetaDataSymbol() as unknown as symbol;
  const locate = textLocator(xml);
  const at = (offset: number): number => locate(offset).line;
  const lineOf = (node: Node): number =>
    at((node as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex ?? 0);
  const issues: Issue[] = [];
  const corpus = tree['corpus'] as Node | undefined;
  if (!corpus || typeof corpus !== 'object')
    return fail({ file, line: 1, field: 'corpus', message: 'no <corpus> root element' });

  const attrText = (node: Node, name: string, where: string, line: number): string | undefined => {
    const value = node[name];
    if (typeof value === 'string') return value;
    issues.push({ file, line, field: `${where}.${name}`, message: 'missing attribute' });
    return undefined;
  };
  const types = new Set<string>(SCAI_ENTITY_TYPES);
  const documents: ScaiDocument[] = [];
  for (const doc of (corpus['document'] as Node[] | undefined) ?? []) {
    const docLine = lineOf(doc);
    const docId = attrText(doc, 'id', 'document', docLine) ?? '';
    const pmid = attrText(doc, 'origId', 'document', docLine) ?? '';
    const sentences: ScaiSentence[] = [];
    for (const sent of (doc['sentence'] as Node[] | undefined) ?? []) {
      const line = lineOf(sent);
      const id = attrText(sent, 'id', 'sentence', line) ?? '';
      const origId = typeof sent['origId'] === 'string' ? sent['origId'] : id;
      const text = attrText(sent, 'text', 'sentence', line) ?? '';
      const entities: ScaiEntity[] = [];
      for (const ent of (sent['entity'] as Node[] | undefined) ?? []) {
        const eLine = lineOf(ent);
        const eid = attrText(ent, 'id', 'entity', eLine);
        const type = attrText(ent, 'type', 'entity', eLine);
        const etext = attrText(ent, 'text', 'entity', eLine);
        const charOffset = attrText(ent, 'charOffset', 'entity', eLine);
        if (eid === undefined || type === undefined || etext === undefined || charOffset === undefined)
          continue;
        if (!types.has(type)) {
          issues.push({ file, line: eLine, field: 'entity.type', message: `unknown entity type '${type}'` });
          continue;
        }
        const raw = parseCharOffset(charOffset);
        if (!raw || raw.some(([, e]) => e > text.length)) {
          issues.push({
            file,
            line: eLine,
            field: 'entity.charOffset',
            message: `'${charOffset}' is not a list of start-end offsets inside the ${text.length}-character sentence`,
          });
          continue;
        }
        let spans = raw;
        let offsetStatus: OffsetStatus = 'exact';
        const covered = spanText(text, raw);
        if (covered !== etext.trim()) {
          const trimmed = trimSpans(text, raw);
          if (spanText(text, trimmed) === etext.trim()) {
            spans = trimmed;
            offsetStatus = 'trimmed';
          } else {
            issues.push({
              file,
              line: eLine,
              field: 'entity.charOffset',
              message: `'${charOffset}' covers '${covered}', not the entity text '${etext}'`,
            });
            continue;
          }
        }
        entities.push({
          id: eid,
          type: type as ScaiEntityType,
          text: etext.trim(),
          charOffset,
          spans,
          offsetStatus,
          line: eLine,
        });
      }
      const known = new Set(entities.map((e) => e.id));
      const pairs: ScaiPair[] = [];
      for (const pair of (sent['pair'] as Node[] | undefined) ?? []) {
        const pLine = lineOf(pair);
        const pid = attrText(pair, 'id', 'pair', pLine);
        const e1 = attrText(pair, 'e1', 'pair', pLine);
        const e2 = attrText(pair, 'e2', 'pair', pLine);
        const interaction = attrText(pair, 'interaction', 'pair', pLine);
        const type = attrText(pair, 'type', 'pair', pLine);
        if (pid === undefined || e1 === undefined || e2 === undefined || interaction === undefined) continue;
        if (type === undefined) continue;
        if (!/^(true|false)$/i.test(interaction)) {
          issues.push({
            file,
            line: pLine,
            field: 'pair.interaction',
            message: `'${interaction}' is not True/False`,
          });
          continue;
        }
        const missing = [e1, e2].filter((e) => !known.has(e));
        if (missing.length) {
          issues.push({
            file,
            line: pLine,
            field: 'pair.e1/e2',
            message: `refers to ${missing.join(', ')}, not an entity of sentence ${id}`,
          });
          continue;
        }
        pairs.push({ id: pid, e1, e2, interaction: interaction.toLowerCase() === 'true', type, line: pLine });
      }
      sentences.push({ id, origId, text, offset: 0, entities, pairs, line });
    }
    const ordered = sentences
      .map((s, i) => ({ s, i }))
      .sort((a, b) => sentenceIndex(a.s.origId) - sentenceIndex(b.s.origId) || a.i - b.i)
      .map(({ s }) => s);
    let offset = 0;
    const placed = ordered.map((s) => {
      const out = { ...s, offset };
      offset += s.text.length + SENTENCE_SEPARATOR.length;
      return out;
    });
    documents.push({
      id: docId,
      origId: pmid,
      sentences: placed,
      text: placed.map((s) => s.text).join(SENTENCE_SEPARATOR),
      line: docLine,
    });
  }
  if (issues.length) return fail(...issues);
  if (!documents.length) return fail({ file, line: 1, field: 'corpus', message: 'no <document> elements' });
  return ok(documents);
}

/** Entities whose offsets were repaired, as warnings naming file and line. */
export function scaiOffsetWarnings(docs: readonly ScaiDocument[], file: string): Issue[] {
  return docs.flatMap((d) =>
    d.sentences.flatMap((s) =>
      s.entities
        .filter((e) => e.offsetStatus !== 'exact')
        .map((e) => ({
          file,
          line: e.line,
          field: 'entity.charOffset',
          message: `${e.id}: '${e.charOffset}' includes whitespace around '${e.text}'; span and text trimmed`,
        })),
    ),
  );
}

/** A gold entity mention with sentence- and document-relative spans. */
export interface ScaiMention {
  docId: string;
  pmid: string;
  sentenceId: string;
  entityId: string;
  type: ScaiEntityType;
  text: string;
  sentenceSpans: Span[];
  documentSpans: Span[];
}

/** Gold mentions of the given entity types (default: Specific_miRNAs, the corpus's miRNA NER target). */
export function scaiGoldMentions(
  docs: readonly ScaiDocument[],
  types: readonly ScaiEntityType[] = ['Specific_miRNAs'],
): ScaiMention[] {
  const wanted = new Set(types);
  return docs.flatMap((d) =>
    d.sentences.flatMap((s) =>
      s.entities
        .filter((e) => wanted.has(e.type))
        .map((e) => ({
          docId: d.id,
          pmid: d.origId,
          sentenceId: s.id,
          entityId: e.id,
          type: e.type,
          text: e.text,
          sentenceSpans: e.spans.map(([a, b]) => [a, b] as const),
          documentSpans: e.spans.map(([a, b]) => [a + s.offset, b + s.offset] as const),
        })),
    ),
  );
}

export interface ScaiRelationOptions {
  /** also count pairs whose miRNA end is a Non-Specific_miRNAs mention ("miRNAs", "miR-200 family"); default false */
  includeNonSpecific?: boolean;
  /** partner kinds to include; default ['gene'] */
  partners?: readonly ('gene' | 'disease')[];
}

/** A gold (interaction="True") miRNA–partner pair, miRNA end first whatever the XML's e1/e2 order. */
export interface ScaiRelation {
  docId: string;
  pmid: string;
  sentenceId: string;
  pairId: string;
  /** `mirna_gene` or `mirna_disease` */
  predicate: 'mirna_gene' | 'mirna_disease';
  pairType: string;
  mirna: ScaiMention;
  partner: ScaiMention;
}

const PARTNER_TYPE: Record<'gene' | 'disease', ScaiEntityType> = {
  gene: 'Genes/Proteins',
  disease: 'Diseases',
};

/**
 * Gold relations: pairs with interaction="True" between a Specific_miRNAs mention and a
 * Genes/Proteins mention (Bagewadi 2014's miRNA–gene task); options widen this.
 */
export function scaiGoldRelations(
  docs: readonly ScaiDocument[],
  options: ScaiRelationOptions = {},
): ScaiRelation[] {
  const mirnaTypes = new Set<ScaiEntityType>(
    options.includeNonSpecific ? ['Specific_miRNAs', 'Non-Specific_miRNAs'] : ['Specific_miRNAs'],
  );
  const partners = options.partners ?? ['gene'];
  const mentions = new Map(
    scaiGoldMentions(docs, [...SCAI_ENTITY_TYPES]).map((m) => [`${m.sentenceId}\t${m.entityId}`, m]),
  );
  const out: ScaiRelation[] = [];
  for (const d of docs)
    for (const s of d.sentences)
      for (const p of s.pairs) {
        if (!p.interaction) continue;
        const a = mentions.get(`${s.id}\t${p.e1}`);
        const b = mentions.get(`${s.id}\t${p.e2}`);
        if (!a || !b) continue;
        const [mirna, partner] = mirnaTypes.has(a.type) ? [a, b] : [b, a];
        if (!mirnaTypes.has(mirna.type)) continue;
        const kind = partners.find((k) => PARTNER_TYPE[k] === partner.type);
        if (!kind) continue;
        out.push({
          docId: d.id,
          pmid: d.origId,
          sentenceId: s.id,
          pairId: p.id,
          predicate: kind === 'gene' ? 'mirna_gene' : 'mirna_disease',
          pairType: p.type,
          mirna,
          partner,
        });
      }
  return out;
}
