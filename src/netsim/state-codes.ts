/** States as integers (bit i = free node i; mixed radix for multi-valued nodes), with a successor function generated from the rules as in BoolNet 2.1.7's C core. */
import { exprSource } from './compile.js';
import { substitute, type Expr } from './expr.js';
import type { LogicalNetwork } from './network.js';
import type { Percolation } from './percolation.js';

/** A code ↔ state mapping over the free nodes of a percolated network. */
export interface StateCoding {
  /** node names, network order */
  names: string[];
  /** indices of the encoded (free) nodes; digit j of a code is the level of node `free[j]` */
  free: number[];
  /** per digit: its number of levels */
  base: number[];
  /** per digit: its place value */
  radix: number[];
  /** number of codes (the residual state space) */
  size: number;
  /** true when every digit is a bit (code bit j = free node j) */
  isBinary: boolean;
  /** per node: the percolated level, or -1 for free nodes */
  fixedLevels: Int16Array;
  /** the synchronous successor of a code (multi-valued nodes move one level toward their target) */
  next: (code: number) => number;
}

/**
 * Codes for the free nodes of `percolation`, refusing spaces above `maxStates` (the caller reports why). The
 * successor function is JavaScript generated from the rules with the percolated levels substituted.
 */
export function stateCoding(net: LogicalNetwork, percolation: Percolation, maxStates: number): StateCoding {
  const { free, levels } = percolation;
  const base = free.map((i) => net.nodes[i]!.maxLevel + 1);
  const radix: number[] = [];
  let size = 1;
  for (const b of base) {
    radix.push(size);
    size *= b;
  }
  if (size > Math.min(maxStates, 2 ** 30))
    throw new RangeError(`residual state space ${size} exceeds ${Math.min(maxStates, 2 ** 30)}`);
  const isBinary = base.every((b) => b === 2);
  const nodeIndex = new Map(net.nodes.map((n, i) => [n.name, i]));
  const digitIndex = new Map(free.map((i, j) => [net.nodes[i]!.name, j]));
  const known = (name: string): number | undefined => {
    const l = levels[nodeIndex.get(name) ?? -1];
    return l === undefined || l < 0 ? undefined : l;
  };
  const digit = (name: string): number => {
    const j = digitIndex.get(name);
    if (j === undefined) throw new Error(`rule reads unknown node '${name}'`);
    return j;
  };
  // exprSource reads `s[j]`; here digit j is a bit of the code or a decoded variable.
  const source = (expr: Expr): string =>
    exprSource(substitute(expr, known), digit).replace(/s\[(\d+)\]/g, (_, j: string) =>
      isBinary ? `(x&${2 ** Number(j)})` : `d${j}`,
    );
  const lines: string[] = [];
  if (!isBinary) free.forEach((_, j) => lines.push(`const d${j}=Math.floor(x/${radix[j]})%${base[j]};`));
  lines.push('let y=0,t=0;');
  free.forEach((i, j) => {
    const fn = net.nodes[i]!.fn;
    let target = String(fn.defaultLevel | 0);
    for (let k = fn.terms.length - 1; k >= 0; k--) {
      const term = fn.terms[k]!;
      target = `(${source(term.condition)}?${term.level | 0}:${target})`;
    }
    if (isBinary) lines.push(`if(${target}!==0)y|=${2 ** j};`);
    else lines.push(`t=${target};y+=(t>d${j}?d${j}+1:t<d${j}?d${j}-1:d${j})*${radix[j]};`);
  });
  lines.push('return y;');
  // Generated from the AST above: node indices and integers only.
  const next = new Function('x', lines.join('\n')) as (code: number) => number;
  return {
    names: net.nodes.map((n) => n.name),
    free,
    base,
    radix,
    size,
    isBinary,
    fixedLevels: levels,
    next,
  };
}

/** Level of digit j of a code. */
export function digitOf(coding: StateCoding, code: number, j: number): number {
  return coding.isBinary ? (code >>> j) & 1 : Math.floor(code / coding.radix[j]!) % coding.base[j]!;
}

/** The levels of every node (network order) in the state of a code. */
export function decodeLevels(coding: StateCoding, code: number): Uint8Array {
  const levels = Uint8Array.from(coding.fixedLevels, (l) => Math.max(l, 0));
  coding.free.forEach((i, j) => (levels[i] = digitOf(coding, code, j)));
  return levels;
}
