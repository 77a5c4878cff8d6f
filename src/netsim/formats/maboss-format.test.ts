import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../model/index.js';
import { evalExpr, exprInputs, type Expr } from '../expr.js';
import { booleanRule, type LogicalNetwork } from '../network.js';
import { DEFAULT_RATE_DOWN, DEFAULT_RATE_UP, formatRateExpr, num, type RateExpr } from '../rates.js';
import { seededRng } from '../rng.js';
import { mabossFromNetwork, simulateStochastic, type MabossModel } from '../stochastic.js';
import { parseBnet } from './bnet-format.js';
import { formatForPath, MODEL_FORMATS } from './index.js';
import {
  applyMabossConfig,
  formatMabossBnd,
  formatMabossCfg,
  networkToMaboss,
  parseMaboss,
  parseMabossBnd,
  parseMabossCfg,
  parseMabossExpr,
} from './maboss-format.js';

const models = '../shared/data/models';

/** The MaBoSS reference card's example network and configuration ($p4, undefined there, set to 3 here). */
const CARD_BND = `// Basic network example
node A {
  rate_up = 1.1;
  rate_down = $A_rate_down * 10.2;
  // $A_rate_down external variable must be defined in one of the configuration files
}
node B {
  tmp = NOT A OR C;
  rate_up = @tmp;
  rate_down = NOT @tmp ? $B_var * 12. : 0.;
}
node C {
  rate_up = $var2 < 10 ? NOT B : A OR B;
  rate_down = A AND B;
}
node D {
  logic = A OR (NOT B XOR C);
}
`;
const CARD_CFG = `$A_rate_down = 0.1;
$B_var = 2;
$var2 = 23;
A.istate = 0;
$p0 = 1; $p1 = 2; $p2 = 1; $p3 = 4; $p4 = 3;
[B, C].istate = $p0 [0, 0], $p1 [0, 1], $p2 [1, 0], $p3 [1, 1];
[D].istate = $p0 [0], ($p4*2) [1];
B.is_internal = 1;
C.is_internal = 1;
C.refstate = 1;
sample_count = 1000;
max_time = 100;
time_tick = 0.5;
discrete_time = 0;
use_physrandgen = FALSE;
seed_pseudorandom = 100;
statdist_traj_count = 10000;
thread_count = 4;
`;

function parsed(bnd: string, cfg?: string): MabossModel {
  const result = parseMaboss(bnd, { bndFile: 'm.bnd', cfg, cfgFile: 'm.cfg' });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
  return result.value;
}
const problems = (bnd: string, cfg?: string): string[] => {
  const result = parseMaboss(bnd, { bndFile: 'm.bnd', cfg, cfgFile: 'm.cfg' });
  return result.ok ? [] : result.issues.map(formatIssue);
};
const rule = (m: MabossModel | LogicalNetwork, name: string): Expr => {
  const net = 'network' in m ? m.network : m;
  return booleanRule(net.nodes.find((n) => n.name === name)!.fn)!;
};
/** Truth table of a rule over the listed nodes. */
const table = (expr: Expr, nodes: string[]): boolean[] =>
  Array.from({ length: 1 << nodes.length }, (_, bits) =>
    evalExpr(expr, (n) => (bits >> nodes.indexOf(n)) & 1),
  );

describe('parseMaboss: the reference card example', () => {
  const m = parsed(CARD_BND, CARD_CFG);

  it('reads rates, node variables and logic; nodes without logic get a rule derived from their rates', () => {
    expect(m.network.nodes.map((n) => n.name)).toEqual(['A', 'B', 'C', 'D']);
    expect(formatRateExpr(m.rates.A!.down)).toBe('$A_rate_down * 10.2');
    expect(formatRateExpr(m.rates.B!.down)).toBe('!@tmp ? $B_var * 12 : 0');
    expect(formatRateExpr(m.attributes.B!.tmp!)).toBe('!A | C');
    expect(m.rates.D).toEqual({ up: DEFAULT_RATE_UP, down: DEFAULT_RATE_DOWN });
    // MaBoSS -l reads the same logic from these rates (A : !A; D : A | (!B XOR C))
    expect(table(rule(m, 'A'), ['A'])).toEqual([true, false]);
    const abc = ['A', 'B', 'C'];
    expect(table(rule(m, 'D'), abc)).toEqual(
      Array.from({ length: 8 }, (_, s) => (s & 1) === 1 || (((s >> 1) & 1) === 0) !== (((s >> 2) & 1) === 1)),
    );
    // C: up while A | B (since $var2 = 23 ≥ 10), down while A & B
    expect(table(rule(m, 'C'), abc)).toEqual(
      Array.from({ length: 8 }, (_, s) => {
        const [a, b, c] = [s & 1, (s >> 1) & 1, (s >> 2) & 1];
        return c === 0 ? a === 1 || b === 1 : !(a === 1 && b === 1);
      }),
    );
  });

  it('reads parameters, normalised joint initial states, internal and reference nodes, settings and notes', () => {
    expect(m.params).toMatchObject({ A_rate_down: 0.1, B_var: 2, var2: 23, p4: 3 });
    expect(m.initial.probabilities).toEqual({ A: 0, D: 6 / 7 });
    expect(m.initial.groups).toEqual([
      {
        nodes: ['B', 'C'],
        states: [
          { probability: 1 / 8, values: [0, 0] },
          { probability: 2 / 8, values: [0, 1] },
          { probability: 1 / 8, values: [1, 0] },
          { probability: 4 / 8, values: [1, 1] },
        ],
      },
    ]);
    expect(m.internal).toEqual(['B', 'C']);
    expect(m.reference).toEqual({ C: 1 });
    expect(m.settings).toEqual({
      timeTick: 0.5,
      maxTime: 100,
      sampleCount: 1000,
      discreteTime: false,
      seed: 100,
      other: { statdist_traj_count: 10000, thread_count: 4 },
    });
    expect(m.notes.join('\n')).toMatch(/m\.cfg:6: \[B, C\]\.istate probabilities sum to 8; normalised/);
    expect(m.notes.join('\n')).toMatch(/thread_count = 4: no effect here/);
  });

  it('simulates with the parsed rates: A flips at 1.1 up and 1.02 down from 0', () => {
    const result = simulateStochastic(m, { trajectories: 20000, maxTime: 3, timeTick: 3 });
    const [u, d] = [1.1, 1.02];
    const k = u + d;
    const mean = (u / k) * (1 - (1 - Math.exp(-k * 3)) / (k * 3));
    expect(result.seed).toBe(100);
    expect(Math.abs(result.finalProbabilities.A! - mean)).toBeLessThan(5 * Math.sqrt(0.25 / 20000));
    expect(result.outputNodes).toEqual(['A', 'D']);
  });
});

describe('MaBoSS syntax', () => {
  const expr = (text: string): RateExpr => {
    const r = parseMabossExpr(text);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    return r.value;
  };
  const show = (text: string) => formatRateExpr(expr(text));

  it('has C precedence, && and || nest right, XOR binds loosest, words are case-insensitive', () => {
    expect(show('A || B && C')).toBe('A | B & C');
    expect(show('(A | B) & C')).toBe('(A | B) & C');
    expect(show('A ^ B | C')).toBe('A ^ B | C');
    expect(expr('A ^ B | C')).toMatchObject({ op: '^', right: { op: '||' } });
    expect(expr('A xor B')).toEqual(expr('A ^ B'));
    expect(expr('not A and B Or C')).toEqual(expr('!A && B || C'));
    expect(expr('A & B & C')).toMatchObject({ op: '&&', left: { node: 'A' }, right: { op: '&&' } });
    expect(show('1 + 2 * 3 - 4 / 2')).toBe('1 + 2 * 3 - 4 / 2');
    expect(expr('2 - 1 - 1')).toMatchObject({ op: '-', left: { op: '-' }, right: { value: 1 } });
    expect(show('-$x * 2')).toBe('-$x * 2');
    expect(expr('-2.5e-1')).toEqual(num(-0.25));
    expect(show('a ? b : c ? d : e')).toBe('a ? b : c ? d : e');
    expect(show('@logic ? $u_X : 0.0')).toBe('@logic ? $u_X : 0');
    expect(show('$a <= 3 == ($b > 1)')).toBe('$a <= 3 == $b > 1');
  });

  it('prints every expression so that it reads back as the same tree (500 random expressions)', () => {
    const rng = seededRng(77);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    const random = (depth: number): RateExpr => {
      if (depth === 0 || rng() < 0.2)
        return pick<RateExpr>([
          { kind: 'node', node: pick(['A', 'B', 'node_2']) },
          num(pick([0, 1, 0.5, -3, 1e-7, 12345.678])),
          { kind: 'param', name: pick(['u', 'd_X', '2x']) },
          { kind: 'attr', name: pick(['logic', 'tmp']) },
        ]);
      const r = rng();
      if (r < 0.15) return { kind: 'unary', op: pick(['-', '+', '!'] as const), arg: random(depth - 1) };
      if (r < 0.3)
        return { kind: 'cond', test: random(depth - 1), then: random(depth - 1), else: random(depth - 1) };
      const op = pick(['+', '-', '*', '/', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '^'] as const);
      return { kind: 'binary', op, left: random(depth - 1), right: random(depth - 1) };
    };
    for (let i = 0; i < 500; i++) {
      const e = random(4);
      const text = formatRateExpr(e);
      const back = parseMabossExpr(text);
      expect(back.ok, text).toBe(true);
      if (back.ok) expect(back.value).toEqual(e);
    }
  });

  it('reads comments (//, /* */, # lines), the short form X : logic; and descriptions', () => {
    const m = parsed(`# a comment line
/* block
   comment */ Node A { description = "an input"; } // trailing
B : A & !C;
Node C { logic = B; is_internal = 1; max_rate = 2 * 3; colour = "red"; }
`);
    expect(m.network.nodes.map((n) => [n.name, n.role ?? '', n.label ?? ''])).toEqual([
      ['A', 'input', 'an input'],
      ['B', '', ''],
      ['C', '', ''],
    ]);
    expect(m.rates.A).toEqual({ up: num(0), down: num(0) });
    expect(rule(m, 'A')).toEqual({ kind: 'var', node: 'A' });
    expect([...exprInputs(rule(m, 'B'))]).toEqual(['A', 'C']);
    expect(m.internal).toEqual(['C']);
    expect(formatRateExpr(m.attributes.C!.max_rate!)).toBe('2 * 3');
    expect(m.notes).toEqual(['C.colour: text node variable ignored']);
  });
});

describe('parseMaboss errors name file, line and field', () => {
  it('reports unknown nodes, undefined parameters, non-Boolean logic and misuse of @logic', () => {
    expect(problems('Node A { logic = B & !Q; }\nNode B { logic = A; }')).toEqual([
      "m.bnd:1: A.logic: unknown node 'Q' (no Node Q { … } block)",
    ]);
    expect(problems('Node A {\n  logic = 1;\n  rate_up = @logic ? $u_A : 0;\n}')).toEqual([
      "m.bnd:3: A.rate_up: undefined parameter '$u_A' (define it in the .cfg: $u_A = …;)",
    ]);
    expect(problems('Node A { logic = A + 1; }')).toEqual([
      "m.bnd:1: A.logic: logic is not a Boolean expression: it operator '+' is not Boolean (use !, &, |, ^ and ?:)",
    ]);
    expect(problems('Node A {\n rate_up = @logic; }')).toEqual([
      'm.bnd:2: A.rate_up: reads @logic, but node A has no logic',
    ]);
    expect(problems('Node A { logic = 1; rate_up = @x; x = @y; y = @x; }')).toEqual([
      "m.bnd:1: A.rate_up: node variable '@x' refers to itself",
    ]);
    expect(problems('Node A { logic = 1; rate_up = @nothing; }')).toEqual([
      "m.bnd:1: A.rate_up: undefined node variable '@nothing'",
    ]);
  });

  it('reports syntax errors with their column, unterminated blocks, comments and duplicate nodes', () => {
    expect(problems('Node A {\n  logic = B & ;\n}\nNode B { }')).toEqual([
      "m.bnd:2: A.logic: expected an operand, found ';' at column 15",
    ]);
    expect(problems('Node A {\n  logic = (B | A;\n}\nNode B {}')).toEqual([
      "m.bnd:2: A.logic: missing ')' for '(' at column 11, found ';' at column 17",
    ]);
    expect(problems('Node A {\n  logic = 1;\n')).toEqual([
      "m.bnd:3: A: block of node 'A' opened at line 1 is never closed (missing '}')",
    ]);
    expect(problems('Node A {\n  logic = 1;\nNode B { }')).toEqual([
      "m.bnd:3: A: missing '}' before 'Node' at column 1 (block of node 'A' opened at line 1)",
    ]);
    expect(problems('Node A {\n  logic = 1\n  rate_up = 2;\n}')).toEqual([
      "m.bnd:3: A.logic: expected ';' after A.logic, found 'rate_up' at column 3",
    ]);
    expect(problems('Node A { logic = 1; } /* open')).toEqual([
      "m.bnd:1: comment opened at column 23 is never closed (missing '*/')",
    ]);
    expect(problems('Node A { logic = 1; }\nNode A { logic = 0; }')).toEqual([
      "m.bnd:2: A: node 'A' is defined twice (first at line 1)",
    ]);
    expect(problems('Node A { logic = max(1, 2); }')).toEqual([
      'm.bnd:1: A.logic: function calls (max(…)) are not supported at column 18',
    ]);
    expect(problems('Node A { logic = 1 % 2; }')).toEqual(["m.bnd:1: unexpected character '%' at column 20"]);
    expect(problems('')).toEqual(['m.bnd: no nodes found (expected Node NAME { … } blocks)']);
  });

  it('reports bad initial states, unknown nodes and attributes in the configuration', () => {
    const bnd = 'Node A { logic = B; }\nNode B { logic = A; }';
    expect(problems(bnd, '[A, B].istate = -0.5 [0, 0], 1.5 [1, 1];')).toEqual([
      'm.cfg:1: [A, B].istate: probability -0.5 of state 1 is negative',
    ]);
    expect(problems(bnd, '[A, B].istate = 0 [0, 0], 0 [1, 1];')).toEqual([
      'm.cfg:1: [A, B].istate: the probabilities of the initial states sum to 0',
    ]);
    expect(problems(bnd, '\n[A, B].istate = 1 [0];')).toEqual([
      'm.cfg:2: [A, B].istate: state 1 gives 1 value(s) for 2 node(s)',
    ]);
    expect(problems(bnd, '[A, B].istate = 1 [0, 2];')).toEqual([
      'm.cfg:1: [A, B].istate: state 1 has a value other than 0 or 1',
    ]);
    expect(problems(bnd, 'Z.istate = 1;')).toEqual(["m.cfg:1: Z.istate: unknown node 'Z'"]);
    expect(problems(bnd, 'A.colour = 1;')).toEqual([
      "m.cfg:1: A.colour: unknown node attribute 'colour' (expected istate, is_internal or refstate)",
    ]);
    expect(problems(bnd, '[A].istate = $p [0], 1 [1];')).toEqual([
      "m.cfg:1: [A].istate: undefined parameter '$p'",
    ]);
    expect(problems(bnd, '$a = $b + 1;\n$b = $a;')).toContain(
      'm.cfg:2: $b: circular definition: $a → $b → $a',
    );
    expect(problems(bnd, 'max_time = 0;')).toEqual(['m.cfg:1: max_time: max_time must be positive, got 0']);
    expect(problems(bnd, '[A, B].istate = 1 [0, 0];\nA.istate = 1;')).toEqual([
      'm.cfg:2: A.istate: A already has a joint initial state with other nodes (line 1)',
    ]);
    expect(problems(bnd, 'max_time = 10')).toEqual([
      "m.cfg:1: max_time: expected ';' after max_time = …, found end of file at column 14",
    ]);
  });
});

describe('parseMabossCfg', () => {
  it('treats a negative istate as random, non-zero as 1, TRUE/FALSE as 1/0, and later lines override', () => {
    const cfg = parseMabossCfg(
      'A.istate = 1; A.istate = -1; B.istate = 5; C.istate = FALSE; [D].istate = 0.25 [0], 0.75 [1];',
      ['A', 'B', 'C', 'D'],
    );
    expect(cfg.ok && cfg.value.initial).toEqual({ probabilities: { B: 1, C: 0, D: 0.75 }, groups: [] });
  });

  it('applies to a network read from another format', () => {
    const net = parseBnet('targets, factors\nA, B\nB, A\n');
    if (!net.ok) throw new Error('parse');
    const base = mabossFromNetwork(net.value);
    const cfg = parseMabossCfg('A.istate = 1; B.istate = 1; max_time = 5; sample_count = 7;', ['A', 'B']);
    if (!base.ok || !cfg.ok) throw new Error('parse');
    const m = applyMabossConfig(base.value, cfg.value);
    const result = simulateStochastic(m, { seed: 1 });
    expect([result.trajectories, result.maxTime, result.finalProbabilities]).toEqual([7, 5, { A: 1, B: 1 }]);
  });
});

describe('MaBoSS writers', () => {
  it('round-trip the reference card model: same logic, rates, variables, parameters, initial states and settings', () => {
    const m = parsed(CARD_BND, CARD_CFG);
    const again = parsed(formatMabossBnd(m), formatMabossCfg(m));
    expect(again.rates).toEqual(m.rates);
    expect(again.attributes).toEqual(m.attributes);
    expect(again.network.nodes.map((n) => n.fn)).toEqual(m.network.nodes.map((n) => n.fn));
    expect(again.params).toEqual(m.params);
    expect(again.settings).toEqual(m.settings);
    expect(again.internal).toEqual(m.internal);
    expect(again.reference).toEqual(m.reference);
    expect(again.initial.groups).toEqual(m.initial.groups);
    for (const [node, p] of Object.entries(m.initial.probabilities))
      expect(again.initial.probabilities[node]).toBeCloseTo(p, 12);
    expect(simulateStochastic(again, { trajectories: 300 })).toEqual(
      simulateStochastic(m, { trajectories: 300 }),
    );
  });

  it('write inputs without logic and default rates compactly, and read them back unchanged', () => {
    const text = 'Node I {\n}\n\nNode X {\n  logic = I & !X;\n}\n';
    const m = parsed(text);
    expect(formatMabossBnd(m)).toBe(text);
    expect(formatMabossCfg(m)).toBe(
      'time_tick = 0.5;\nmax_time = 1000;\nsample_count = 10000;\ndiscrete_time = 0;\n',
    );
  });

  it('convert the Steinway 2014 EMT network (69 nodes) to MaBoSS and back without changing a rule or a run', () => {
    const net = parseBnet(readFileSync(`${models}/emt_mirna/steinway2014_EMT.bnet`, 'utf8'));
    if (!net.ok) throw new Error('parse');
    const { bnd, cfg } = networkToMaboss(net.value);
    expect(bnd).toMatch(/^Node AKT \{\n {2}logic = ILK \| PI3K;\n\}\n/);
    const m = parsed(bnd, cfg);
    expect(m.network.nodes.map((n) => [n.name, n.fn])).toEqual(net.value.nodes.map((n) => [n.name, n.fn]));
    const direct = mabossFromNetwork(net.value);
    if (!direct.ok) throw new Error('convert');
    const options = { trajectories: 200, seed: 3, maxTime: 20 };
    expect(simulateStochastic(m, options)).toEqual(simulateStochastic(direct.value, options));
  });

  it('are registered: .bnd reads as the maboss format and writes a .bnd with default rates', () => {
    const format = formatForPath('model.BND');
    expect(format?.id).toBe('maboss');
    expect(MODEL_FORMATS.filter((f) => f.id === 'maboss')).toHaveLength(1);
    const read = format!.parse(CARD_BND.replace(/\$\w+/g, '1'), 'card.bnd');
    expect(read.ok && read.value.nodes.length).toBe(4);
    const net = parseMabossBnd('Node A { logic = !B; } Node B { logic = A; }');
    if (!net.ok) throw new Error('parse');
    expect(format!.format!(net.value)).toBe('Node A {\n  logic = !B;\n}\n\nNode B {\n  logic = A;\n}\n');
  });

  it('read a .bnd without configuration as a network even when rates use parameters', () => {
    const net = parseMabossBnd('Node A { logic = B; rate_up = @logic ? $u : 0; }\nNode B { }', 'x.bnd');
    expect(net.ok && net.value.nodes.map((n) => n.role ?? 'logic')).toEqual(['logic', 'input']);
    const bad = parseMabossBnd('Node A { logic = $on & B; }\nNode B { }', 'x.bnd');
    expect(bad.ok ? [] : bad.issues.map(formatIssue)).toEqual([
      "x.bnd:1: A.logic: logic is not a Boolean expression: it reads parameter '$on', which no configuration defines",
    ]);
  });

  it('refuse multi-valued networks and names MaBoSS cannot hold', () => {
    const multi: LogicalNetwork = {
      nodes: [{ name: 'M', maxLevel: 2, fn: { defaultLevel: 0, terms: [] } }],
    };
    expect(() => networkToMaboss(multi)).toThrow(/M: node is multi-valued/);
    const dotted = parseBnet('targets, factors\na.b, a.b\n');
    if (!dotted.ok) throw new Error('parse');
    expect(() => networkToMaboss(dotted.value)).toThrow(/'a\.b' is not a MaBoSS name/);
    const m = parsed('Node A { logic = A; rate_up = $2x; }', '$2x = 1;');
    expect(formatMabossCfg(m)).toMatch(/^\$2x = 1;$/m);
    expect(() => formatMabossCfg({ ...m, params: { 'k-1': 1 } })).toThrow(/'\$k-1' is not a MaBoSS variable/);
  });
});
