/** Therapy grounding: canonical names, synonyms and abbreviations, classes and class membership (data/therapies.tsv). */
import { Therapy, type Issue, type Result, fail, ok } from '../model/index.js';
import { closestNames, lookupKey } from './text-normalise.js';

export type TherapyResolution =
  | { status: 'resolved'; input: string; therapy: Therapy; via: 'name' | 'synonym' }
  | { status: 'unresolved'; input: string; reason: string; candidates: string[] };

/** Parses data/therapies.tsv, validating each row against the Therapy schema. */
export function parseTherapyTable(text: string, file = 'therapies.tsv'): Result<Therapy[]> {
  const therapies: Therapy[] = [];
  const issues: Issue[] = [];
  let header = true;
  text.split('\n').forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    if (header) {
      header = false;
      return;
    }
    const [name = '', kind = '', klass = '', parents = '', synonyms = ''] = line.split('\t');
    const parsed = Therapy.safeParse({
      name,
      kind,
      class: klass,
      parents: parents ? parents.split('|') : [],
      synonyms: synonyms ? synonyms.split('|') : [],
    });
    if (parsed.success) therapies.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        issues.push({ file, line: index + 1, field: issue.path.join('.'), message: issue.message });
      }
    }
  });
  const names = new Set(therapies.map((t) => t.name));
  for (const therapy of therapies) {
    for (const parent of therapy.parents) {
      if (!names.has(parent))
        issues.push({ file, field: 'parents', message: `${therapy.name}: unknown parent '${parent}'` });
    }
  }
  return issues.length ? fail(...issues) : ok(therapies);
}

/** Resolves therapy names, abbreviations and classes; knows which agents belong to which class. */
export class TherapyResolver {
  private readonly byName = new Map<string, Therapy>();
  private readonly byKey = new Map<string, Therapy>();
  private readonly exactSynonyms = new Map<string, Therapy>();

  constructor(private readonly therapies: Therapy[]) {
    for (const therapy of therapies) {
      this.byName.set(therapy.name, therapy);
      this.byKey.set(lookupKey(therapy.name), therapy);
    }
    for (const therapy of therapies) {
      for (const synonym of therapy.synonyms) {
        // short all-caps abbreviations (IR, AI, ET) match case-sensitively only
        if (/^[A-Z0-9-]{1,4}$/.test(synonym) || /^[A-Z][a-z]{1,3}$/.test(synonym))
          this.exactSynonyms.set(synonym, therapy);
        else if (!this.byKey.has(lookupKey(synonym))) this.byKey.set(lookupKey(synonym), therapy);
      }
    }
  }

  /** All therapies of the vocabulary. */
  all(): Therapy[] {
    return [...this.therapies];
  }

  /** The therapy with this canonical name. */
  get(name: string): Therapy | undefined {
    return this.byName.get(name);
  }

  /** Resolves a name, synonym, abbreviation or class (singular or plural). */
  resolve(raw: string): TherapyResolution {
    const input = raw;
    const text = raw.normalize('NFKC').trim();
    const exact = this.exactSynonyms.get(text);
    if (exact) return { status: 'resolved', input, therapy: exact, via: 'synonym' };
    for (const key of [lookupKey(text), lookupKey(text).replace(/s$/, ''), lookupKey(text) + 's']) {
      const therapy = this.byKey.get(key);
      if (therapy)
        return { status: 'resolved', input, therapy, via: therapy.name === text ? 'name' : 'synonym' };
    }
    return {
      status: 'unresolved',
      input,
      reason: `no therapy named '${raw}'`,
      candidates: closestNames(text, [...this.byName.keys()], 5, 4),
    };
  }

  /** The therapy and every therapy it belongs to, nearest first (tamoxifen → SERMs → endocrine therapy). */
  ancestors(name: string): string[] {
    const out: string[] = [];
    const visit = (n: string) => {
      for (const parent of this.byName.get(n)?.parents ?? []) {
        if (!out.includes(parent)) {
          out.push(parent);
          visit(parent);
        }
      }
    };
    visit(name);
    return out;
  }

  /** The therapy and every agent or class below it (anthracyclines → doxorubicin, epirubicin, …). */
  descendants(name: string): string[] {
    return this.therapies.filter((t) => this.ancestors(t.name).includes(name)).map((t) => t.name);
  }
}
