/** Prime implicants of a truth table by the recursive Shannon formula PI(f) = PI(f0·f1) ∪ x̄·(PI(f0) − PI(f0·f1)) ∪ x·(PI(f1) − PI(f0·f1)) (Coudert & Madre 1992). */

/** Most variables a truth table may have (2^20 entries). */
export const MAX_TABLE_VARIABLES = 20;

const LITERAL = 2 ** MAX_TABLE_VARIABLES;

/** A product of literals over variables 0..k-1: `mask` bit v = variable v occurs, `values` bit v = it occurs positive. */
export interface Cube {
  mask: number;
  values: number;
}

/**
 * The prime implicants of the function whose value on assignment a (bit v of a = variable v) is `table[a] !== 0`.
 * A constant-true function has one prime, the empty cube; a constant-false function has none.
 */
export function primeImplicants(table: Uint8Array): Cube[] {
  const k = Math.log2(table.length);
  if (!Number.isInteger(k) || k > MAX_TABLE_VARIABLES)
    throw new RangeError(
      `truth table of ${table.length} entries: need 2^k entries with k ≤ ${MAX_TABLE_VARIABLES}`,
    );
  return primes(table).map((key) => ({ mask: Math.floor(key / LITERAL), values: key % LITERAL }));
}

/** Primes as keys mask·2^20 + values, over the variables below log2(table.length). */
function primes(table: Uint8Array): number[] {
  let ones = 0;
  for (let a = 0; a < table.length; a++) if (table[a] !== 0) ones++;
  if (ones === 0) return [];
  if (ones === table.length) return [0];
  const half = table.length / 2;
  const top = half; // the split variable is the highest one: 2^(k-1) = half
  const f0 = table.subarray(0, half);
  const f1 = table.subarray(half);
  const both = new Uint8Array(half);
  for (let a = 0; a < half; a++) both[a] = f0[a] !== 0 && f1[a] !== 0 ? 1 : 0;
  const p0 = primes(f0);
  const p1 = primes(f1);
  const p2 = equalTables(both, f0) ? p0 : equalTables(both, f1) ? p1 : primes(both);
  const shared = new Set(p2);
  return [
    ...p2,
    ...p0.filter((p) => !shared.has(p)).map((p) => p + top * LITERAL),
    ...p1.filter((p) => !shared.has(p)).map((p) => p + top * LITERAL + top),
  ];
}

function equalTables(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] !== 0) !== (b[i] !== 0)) return false;
  return true;
}
