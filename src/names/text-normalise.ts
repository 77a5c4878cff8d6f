/** Unicode hyphens, dashes and minus signs that authors and PDF extraction put where '-' belongs. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D\u00AD]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

const GREEK: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ξ: 'xi',
  π: 'pi',
  σ: 'sigma',
  τ: 'tau',
  φ: 'phi',
  ω: 'omega',
};

/** NFKC, ASCII hyphens for every dash, no zero-width characters, single spaces, trimmed. */
export function cleanText(raw: string): string {
  return raw.normalize('NFKC').replace(ZERO_WIDTH, '').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/** Greek letters spelled out (ERα → ERalpha). */
export function spellGreek(text: string): string {
  return text.replace(/[α-ω]/g, (ch) => GREEK[ch] ?? ch);
}

/**
 * A lookup key that ignores case, spacing, hyphens, dots and Greek spelling:
 * `ER-α`, `ER alpha`, `Erα` and `ERALPHA` share one key.
 */
export function lookupKey(raw: string): string {
  return spellGreek(cleanText(raw).toLowerCase())
    .replace(/oestrogen/g, 'estrogen')
    .replace(/[\s\-_.'’]/g, '');
}

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** The `limit` names closest to `query` by edit distance on lookup keys (ties by name). */
/** lookupKey of the reference names, computed once (closestNames runs over thousands of them per query). */
const KEY_MEMO = new Map<string, string>();

export function closestNames(query: string, names: Iterable<string>, limit = 5, maxDistance = 3): string[] {
  const key = lookupKey(query);
  const scored: { name: string; distance: number }[] = [];
  for (const name of names) {
    let nameKey = KEY_MEMO.get(name);
    if (nameKey === undefined) KEY_MEMO.set(name, (nameKey = lookupKey(name)));
    // the edit distance is at least the difference in length
    if (Math.abs(nameKey.length - key.length) > maxDistance) continue;
    const distance = editDistance(key, nameKey, maxDistance);
    if (distance <= maxDistance) scored.push({ name, distance });
  }
  scored.sort(
    (x, y) => x.distance - y.distance || x.name.length - y.name.length || x.name.localeCompare(y.name),
  );
  return [...new Set(scored.map((s) => s.name))].slice(0, limit);
}
