// Set-based precision/recall/F1 for extraction (micro over items, per class), as in BioCreative/DDI scoring.

/** Counts and scores for one class (or for all items: the micro row). */
export interface ClassScore {
  class: string;
  tp: number;
  fp: number;
  fn: number;
  /** tp / (tp + fp); NaN when nothing was predicted (undefined, not "0% precise") */
  precision: number;
  /** tp / (tp + fn); NaN when there is no gold item */
  recall: number;
  /**
   * 2tp / (2tp + fp + fn), the harmonic mean of P and R where both exist; 0 whenever there are
   * gold items or predictions but no tp (so no predictions at all scores F1 = 0), NaN only when
   * there are neither gold items nor predictions.
   */
  f1: number;
}

export interface SetScores {
  /** sorted by class name */
  perClass: ClassScore[];
  /** pooled over all classes; `class` is 'micro' */
  micro: ClassScore;
  /** unweighted mean of the per-class P, R and F1 over the classes where each is defined */
  macro: ClassScore;
}

/** A class's scores from its counts. */
export function classScore(cls: string, tp: number, fp: number, fn: number): ClassScore {
  return {
    class: cls,
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : NaN,
    recall: tp + fn > 0 ? tp / (tp + fn) : NaN,
    f1: tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : NaN,
  };
}

const meanDefined = (xs: number[]): number => {
  const d = xs.filter((x) => !Number.isNaN(x));
  return d.length ? d.reduce((a, b) => a + b, 0) / d.length : NaN;
};

function summarise(counts: Map<string, { tp: number; fp: number; fn: number }>): SetScores {
  const perClass = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cls, c]) => classScore(cls, c.tp, c.fp, c.fn));
  const sum = (f: 'tp' | 'fp' | 'fn'): number => perClass.reduce((a, c) => a + c[f], 0);
  const micro = classScore('micro', sum('tp'), sum('fp'), sum('fn'));
  const macro: ClassScore = {
    class: 'macro',
    tp: micro.tp,
    fp: micro.fp,
    fn: micro.fn,
    precision: meanDefined(perClass.map((c) => c.precision)),
    recall: meanDefined(perClass.map((c) => c.recall)),
    f1: meanDefined(perClass.map((c) => c.f1)),
  };
  return { perClass, micro, macro };
}

const counter = () => new Map<string, { tp: number; fp: number; fn: number }>();
const bump = (m: ReturnType<typeof counter>, cls: string, f: 'tp' | 'fp' | 'fn'): void => {
  const c = m.get(cls) ?? { tp: 0, fp: 0, fn: 0 };
  c[f]++;
  m.set(cls, c);
};

/**
 * Scores predicted against gold items as sets of keys: duplicates (same key) count once; a key in
 * both is a tp of the gold item's class. Put the class into the key when a right item with the
 * wrong class must count as fp + fn.
 */
export function scoreSets<T>(
  gold: readonly T[],
  predicted: readonly T[],
  key: (t: T) => string,
  classOf: (t: T) => string = () => 'all',
): SetScores {
  const goldByKey = new Map<string, T>();
  for (const g of gold) if (!goldByKey.has(key(g))) goldByKey.set(key(g), g);
  const predByKey = new Map<string, T>();
  for (const p of predicted) if (!predByKey.has(key(p))) predByKey.set(key(p), p);
  const counts = counter();
  for (const [k, g] of goldByKey) bump(counts, classOf(g), predByKey.has(k) ? 'tp' : 'fn');
  for (const [k, p] of predByKey) if (!goldByKey.has(k)) bump(counts, classOf(p), 'fp');
  return summarise(counts);
}

/** A text span to score: document (or sentence) id, half-open offsets, entity type. */
export interface MentionSpan {
  docId: string;
  start: number;
  end: number;
  type: string;
}

/** Lower-cases and keeps only letters and digits, so 'Specific_miRNAs' and 'specific mirnas' agree. */
export const normaliseType = (type: string): string => type.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The exact-match key of a mention: document, offsets and normalised type. */
export function mentionKey(m: MentionSpan): string {
  return [m.docId, m.start, m.end, normaliseType(m.type)].join('\t');
}

export interface MentionScoreOptions {
  /** 'exact' (default): same offsets; 'overlap': spans share at least one character */
  match?: 'exact' | 'overlap';
}

const overlaps = (a: MentionSpan, b: MentionSpan): boolean => a.start < b.end && b.start < a.end;

/**
 * Mention precision/recall/F1 per normalised type. Overlap matching pairs each gold mention with
 * at most one prediction (greedy in offset order, largest overlap first), so one long prediction
 * covering two gold mentions earns one tp and one fn.
 */
export function scoreMentions(
  gold: readonly MentionSpan[],
  predicted: readonly MentionSpan[],
  options: MentionScoreOptions = {},
): SetScores {
  if ((options.match ?? 'exact') === 'exact')
    return scoreSets(gold, predicted, mentionKey, (m) => normaliseType(m.type));
  const dedupe = (ms: readonly MentionSpan[]): MentionSpan[] => [
    ...new Map(ms.map((m) => [mentionKey(m), m])).values(),
  ];
  const g = dedupe(gold);
  const p = dedupe(predicted);
  const group = (ms: MentionSpan[]): Map<string, MentionSpan[]> => {
    const out = new Map<string, MentionSpan[]>();
    for (const m of ms) {
      const k = `${m.docId}\t${normaliseType(m.type)}`;
      out.set(k, [...(out.get(k) ?? []), m]);
    }
    return out;
  };
  const goldGroups = group(g);
  const predGroups = group(p);
  const counts = counter();
  for (const k of new Set([...goldGroups.keys(), ...predGroups.keys()])) {
    const gs = goldGroups.get(k) ?? [];
    const ps = predGroups.get(k) ?? [];
    const candidates: { gi: number; pi: number; size: number; start: number }[] = [];
    gs.forEach((gm, gi) =>
      ps.forEach((pm, pi) => {
        if (overlaps(gm, pm))
          candidates.push({
            gi,
            pi,
            size: Math.min(gm.end, pm.end) - Math.max(gm.start, pm.start),
            start: gm.start,
          });
      }),
    );
    candidates.sort((a, b) => b.size - a.size || a.start - b.start || a.pi - b.pi);
    const usedG = new Set<number>();
    const usedP = new Set<number>();
    for (const c of candidates) {
      if (usedG.has(c.gi) || usedP.has(c.pi)) continue;
      usedG.add(c.gi);
      usedP.add(c.pi);
    }
    const cls = k.slice(k.indexOf('\t') + 1);
    gs.forEach((_, gi) => bump(counts, cls, usedG.has(gi) ? 'tp' : 'fn'));
    ps.forEach((_, pi) => {
      if (!usedP.has(pi)) bump(counts, cls, 'fp');
    });
  }
  return summarise(counts);
}

/** A relation to score: scope (document or sentence id), canonical miRNA and gene, predicate. */
export interface RelationTuple {
  scope: string;
  mirna: string;
  gene: string;
  predicate: string;
}

/** The key of a relation; canonicalise names first (e.g. with names/ resolvers) so spellings agree. */
export function relationKey(r: RelationTuple): string {
  return [r.scope, r.mirna, r.gene, r.predicate].join('\t');
}

/** Relation precision/recall/F1 per predicate (set semantics: a tuple stated twice counts once). */
export function scoreRelations(
  gold: readonly RelationTuple[],
  predicted: readonly RelationTuple[],
): SetScores {
  return scoreSets(gold, predicted, relationKey, (r) => r.predicate);
}

export interface ScoreTableOptions {
  /** header of the first column; default 'class' */
  label?: string;
  /** decimals of P, R, F1; default 3 */
  digits?: number;
}

/** An aligned plain-text table `label tp fp fn P R F1`; undefined scores print as '-'. */
export function formatScoreTable(rows: readonly ClassScore[], options: ScoreTableOptions = {}): string {
  const digits = options.digits ?? 3;
  const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
  const header = [options.label ?? 'class', 'tp', 'fp', 'fn', 'P', 'R', 'F1'];
  const body = rows.map((r) => [
    r.class,
    String(r.tp),
    String(r.fp),
    String(r.fn),
    num(r.precision),
    num(r.recall),
    num(r.f1),
  ]);
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
