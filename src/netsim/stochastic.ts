/** Continuous-time Boolean simulation by the Gillespie algorithm, as MaBoSS does (Stoll et al. 2012 BMC Syst Biol 6:116; MaBoSS 2.0, Stoll et al. 2017). */
import { fail, ok, type Issue, type Result } from '../model/index.js';
import { exprInputs, type Expr } from './expr.js';
import { booleanRule, type LogicalNetwork } from './network.js';
import { DEFAULT_RATE_DOWN, DEFAULT_RATE_UP, rateExprReads, rateSource, type RateExpr } from './rates.js';
import { freshSeed, seededRng } from './rng.js';

/** A node's flip rates: `up` applies while the node is 0, `down` while it is 1 (both evaluated in the current state). */
export interface NodeRates {
  up: RateExpr;
  down: RateExpr;
}

/** A joint initial condition of several nodes (MaBoSS `[A, B].istate = p1 [0, 1], p2 [1, 1];`). */
export interface InitialGroup {
  nodes: string[];
  /** probabilities sum to 1; `values[i]` is the level of `nodes[i]` */
  states: { probability: number; values: number[] }[];
}

/**
 * Where trajectories start. Nodes in `probabilities` start at 1 with that probability, independently; nodes in a
 * group follow the group's joint distribution; every other node starts at 0 or 1 with probability ½ (MaBoSS default).
 */
export interface InitialDistribution {
  probabilities: Record<string, number>;
  groups: InitialGroup[];
}

/** Simulation settings of a MaBoSS configuration. */
export interface MabossSettings {
  /** width of the windows probabilities are averaged over (`time_tick`) */
  timeTick: number;
  /** end of every trajectory (`max_time`) */
  maxTime: number;
  /** number of trajectories (`sample_count`) */
  sampleCount: number;
  /** each transition advances time by 1 instead of an exponential waiting time (`discrete_time`) */
  discreteTime: boolean;
  /** `seed_pseudorandom` when `use_physrandgen = 0`; otherwise a fresh seed is drawn and recorded per run */
  seed?: number;
  /** settings read and written back but without effect here (thread_count, display_traj, statdist_…) */
  other: Record<string, number>;
}

/** MaBoSS 2.x defaults (reference card). */
export const MABOSS_DEFAULT_SETTINGS: MabossSettings = {
  timeTick: 0.5,
  maxTime: 1000,
  sampleCount: 10000,
  discreteTime: false,
  other: {},
};

/** A MaBoSS model: a Boolean network, per-node rates, parameters, initial conditions and run settings. */
export interface MabossModel {
  /** node logic; `@logic` in a rate means this node's rule (nodes without logic keep their value: rule = itself) */
  network: LogicalNetwork;
  /** flip rates of every node */
  rates: Record<string, NodeRates>;
  /** other numeric node variables (e.g. `max_rate`, helpers such as `tmp`), usable in rates as `@name` */
  attributes: Record<string, Record<string, RateExpr>>;
  /** external variables (`$name`) */
  params: Record<string, number>;
  initial: InitialDistribution;
  /** nodes left out of the state probabilities (`is_internal`) */
  internal: string[];
  /** reference states (`refstate`), kept for export; Hamming distances are not computed */
  reference: Record<string, number>;
  settings: MabossSettings;
  /** what the reader ignored or repaired */
  notes: string[];
}

/** A MaBoSS model of a Boolean network with MaBoSS's default rates (1 up while the rule holds, 1 down while not). */
export function mabossFromNetwork(
  net: LogicalNetwork,
  settings: Partial<MabossSettings> = {},
): Result<MabossModel> {
  const issues: Issue[] = [];
  for (const node of net.nodes)
    if (node.maxLevel !== 1 || booleanRule(node.fn) === undefined)
      issues.push({
        field: node.name,
        message: `node is multi-valued (levels 0..${node.maxLevel}); MaBoSS simulation is Boolean`,
      });
  if (issues.length) return fail(...issues);
  const rates: Record<string, NodeRates> = {};
  for (const node of net.nodes) rates[node.name] = { up: DEFAULT_RATE_UP, down: DEFAULT_RATE_DOWN };
  return ok({
    network: net,
    rates,
    attributes: {},
    params: {},
    initial: { probabilities: {}, groups: [] },
    internal: [],
    reference: {},
    settings: { ...MABOSS_DEFAULT_SETTINGS, ...settings, other: { ...(settings.other ?? {}) } },
    notes: [...(net.notes ?? [])],
  });
}

/** A node's flip rate in a state: rate_up when it is 0, rate_down when it is 1. */
export type RateFunction = (state: Uint8Array) => number;

/** A MaBoSS model compiled for simulation. */
export interface CompiledMaboss {
  names: string[];
  index: Map<string, number>;
  rate: RateFunction[];
  /** CSR lists: the nodes whose rate may change when node j flips are `affected[affectedStart[j] .. affectedStart[j+1])` (j included) */
  affectedStart: Int32Array;
  affected: Int32Array;
}

/** The nodes an expression reads, following `@name` variables and `@logic` (whose inputs are `logicInputs`). */
function readsThrough(
  expr: RateExpr,
  attrs: Record<string, RateExpr>,
  logicInputs: Iterable<string>,
  into: Set<string>,
  seen: Set<string> = new Set(),
): void {
  const reads = rateExprReads(expr);
  reads.nodes.forEach((n) => into.add(n));
  for (const name of reads.attrs) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === 'logic') for (const n of logicInputs) into.add(n);
    else if (attrs[name]) readsThrough(attrs[name], attrs, logicInputs, into, seen);
  }
}

/** Compiles every node's rates to a JavaScript function over the state vector; throws on an inconsistent model. */
export function compileMaboss(model: MabossModel): CompiledMaboss {
  const nodes = model.network.nodes;
  const names = nodes.map((n) => n.name);
  const index = new Map(names.map((name, i) => [name, i]));
  const lookup = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`rate reads unknown node '${name}'`);
    return i;
  };
  const reads: number[][] = [];
  const rate = nodes.map((node, i): RateFunction => {
    const logic: Expr | undefined = node.maxLevel === 1 ? booleanRule(node.fn) : undefined;
    if (logic === undefined)
      throw new Error(`node '${node.name}' is multi-valued; MaBoSS simulation is Boolean`);
    const rates = model.rates[node.name];
    if (!rates) throw new Error(`node '${node.name}' has no rates`);
    const attrs = model.attributes[node.name] ?? {};
    const scope = {
      index: lookup,
      param: (name: string) => model.params[name],
      attr: (name: string) => attrs[name],
      logic,
    };
    const up = rateSource(rates.up, scope);
    const down = rateSource(rates.down, scope);
    const read = new Set<string>([node.name]);
    const logicInputs = exprInputs(logic);
    readsThrough(rates.up, attrs, logicInputs, read);
    readsThrough(rates.down, attrs, logicInputs, read);
    reads.push([...read].map(lookup));
    // Generated from the AST: node indices and numeric constants only (see rateSource).
    return new Function('s', `return s[${i}]===0?${up}:${down};`) as RateFunction;
  });
  const lists: number[][] = names.map(() => []);
  reads.forEach((read, k) => read.forEach((j) => lists[j]!.push(k)));
  const affectedStart = new Int32Array(names.length + 1);
  lists.forEach((list, j) => (affectedStart[j + 1] = affectedStart[j]! + list.length));
  return { names, index, rate, affectedStart, affected: Int32Array.from(lists.flat()) };
}

/** Options of a run; unset ones come from the model's settings. */
export interface StochasticOptions {
  trajectories?: number;
  /** seed of the pseudo-random numbers; recorded in the result (a fresh one is drawn when neither here nor in the model) */
  seed?: number;
  maxTime?: number;
  timeTick?: number;
  discreteTime?: boolean;
  /** state probabilities for every window ('all', MaBoSS probtraj) or for the last window only ('final', faster) */
  states?: 'all' | 'final';
  /** called about every 1 % of the trajectories */
  onProgress?: (done: number, total: number) => void;
}

/** A state over the output (non-internal) nodes, named by its active nodes, with its probability. */
export interface StateProbability {
  /** the nodes at 1, in model order (empty: every node at 0, MaBoSS's `<nil>`) */
  on: string[];
  probability: number;
}

/** Probabilities averaged over one time window and over all trajectories. */
export interface ProbabilityWindow {
  start: number;
  end: number;
  /** P(node = 1) for every node */
  probabilities: Record<string, number>;
  /** distribution of the output-projected state (only with `states: 'all'`) */
  states?: StateProbability[];
}

/** What a run estimates (MaBoSS's probtraj and fixed points), with everything needed to repeat it. */
export interface StochasticResult {
  seed: number;
  trajectories: number;
  maxTime: number;
  timeTick: number;
  discreteTime: boolean;
  nodes: string[];
  /** the nodes the state probabilities are projected on (all but the internal ones) */
  outputNodes: string[];
  windows: ProbabilityWindow[];
  /** P(node = 1) in the last window, for every node */
  finalProbabilities: Record<string, number>;
  /** output-projected states in the last window, most probable first */
  finalStates: StateProbability[];
  /** full states in which trajectories stopped before max_time (total rate 0), with the fraction that did */
  fixedPoints: StateProbability[];
  /** transitions made, over all trajectories */
  transitions: number;
}

/** Interned sub-states: node bits packed in 32-bit words, kept in an open-addressing hash table (exact, no per-state objects). */
class StateTable {
  readonly words: number;
  /** packed words of every interned state, state-major */
  private keys: Uint32Array;
  private slots: Int32Array;
  size = 0;

  constructor(bitCount: number) {
    this.words = Math.max(1, Math.ceil(bitCount / 32));
    this.keys = new Uint32Array(this.words * 1024);
    this.slots = new Int32Array(2048).fill(-1);
  }

  private hash(key: Uint32Array, at = 0): number {
    let h = 0x811c9dc5;
    for (let w = 0; w < this.words; w++) h = Math.imul(h ^ key[at + w]!, 0x01000193);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
  }

  /** The id of the state `key` (its first `words` entries), adding it when new. */
  intern(key: Uint32Array): number {
    const mask = this.slots.length - 1;
    const words = this.words;
    for (let slot = this.hash(key) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return this.add(key, slot);
      let same = true;
      for (let w = 0; w < words; w++)
        if (this.keys[id * words + w] !== key[w]) {
          same = false;
          break;
        }
      if (same) return id;
    }
  }

  private add(key: Uint32Array, slot: number): number {
    const id = this.size++;
    if (this.size * this.words > this.keys.length) {
      const grown = new Uint32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys.set(key.subarray(0, this.words), id * this.words);
    this.slots[slot] = id;
    if (this.size * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      const mask = this.slots.length - 1;
      for (let other = 0; other < this.size; other++) {
        let at = this.hash(this.keys, other * this.words) & mask;
        while (this.slots[at]! >= 0) at = (at + 1) & mask;
        this.slots[at] = other;
      }
    }
    return id;
  }

  /** The names of the set bits of state `id` (bit b is `names[b]`), in bit order. */
  onNames(id: number, names: readonly string[]): string[] {
    const on: string[] = [];
    for (let w = 0; w < this.words; w++)
      for (let word = this.keys[id * this.words + w]!; word !== 0; word &= word - 1)
        on.push(names[w * 32 + 31 - Math.clz32(word & -word)]!);
    return on;
  }
}

/** Sums of doubles by integer key, kept in a typed array so that adding allocates nothing (a Map of doubles would). */
class KeyedSums {
  private readonly slots = new Map<number, number>();
  private sums = new Float64Array(1024);

  add(key: number, amount: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      if (slot === this.sums.length) {
        const grown = new Float64Array(this.sums.length * 2);
        grown.set(this.sums);
        this.sums = grown;
      }
    }
    this.sums[slot]! += amount;
  }

  get size(): number {
    return this.slots.size;
  }

  forEach(visit: (key: number, sum: number) => void): void {
    for (const [key, slot] of this.slots) visit(key, this.sums[slot]!);
  }
}

/**
 * Window bookkeeping of time spent in a condition (a node at 1, a state): partial windows are added to `partial`,
 * the run of whole windows in between is marked in the difference array `whole` (+1 at its first window, −1 after
 * its last), so a long stay costs O(1) instead of O(windows). `whole` has one extra slot per row.
 */
function spread(
  partial: Float64Array,
  whole: Float64Array,
  row: number,
  t0: number,
  t1: number,
  tick: number,
  last: number,
): void {
  if (t1 <= t0) return;
  let k0 = Math.floor(t0 / tick);
  if (k0 > last) k0 = last;
  let k1 = Math.floor(t1 / tick);
  if (k1 > last) k1 = last;
  const base = row * (last + 1);
  if (k0 === k1) {
    partial[base + k0]! += t1 - t0;
    return;
  }
  partial[base + k0]! += (k0 + 1) * tick - t0;
  partial[base + k1]! += t1 - k1 * tick;
  if (k1 > k0 + 1) {
    const wholeBase = row * (last + 2);
    whole[wholeBase + k0 + 1]! += 1;
    whole[wholeBase + k1]! -= 1;
  }
}

/** Initial-state sampler: independent nodes by probability, then each joint group by its cumulative distribution. */
function initialSampler(model: MabossModel, index: Map<string, number>) {
  const n = index.size;
  const p = new Float64Array(n).fill(0.5);
  const inGroup = new Uint8Array(n);
  const groups = model.initial.groups.map((g) => {
    const nodes = Int32Array.from(g.nodes.map((name) => index.get(name)!));
    nodes.forEach((i) => (inGroup[i] = 1));
    let sum = 0;
    const cumulative = Float64Array.from(g.states.map((st) => (sum += st.probability)));
    return { nodes, cumulative, values: g.states.map((st) => Uint8Array.from(st.values)) };
  });
  for (const [name, prob] of Object.entries(model.initial.probabilities)) {
    const i = index.get(name);
    if (i === undefined) throw new Error(`initial state of unknown node '${name}'`);
    if (!(prob >= 0 && prob <= 1)) throw new Error(`initial probability ${prob} of '${name}' outside [0, 1]`);
    p[i] = prob;
  }
  const free = Int32Array.from([...p.keys()].filter((i) => !inGroup[i]));
  return (s: Uint8Array, rng: () => number): void => {
    for (let f = 0; f < free.length; f++) {
      const i = free[f]!;
      const pi = p[i]!;
      s[i] = pi >= 1 ? 1 : pi <= 0 ? 0 : rng() < pi ? 1 : 0;
    }
    for (const g of groups) {
      const total = g.cumulative[g.cumulative.length - 1]!;
      const x = g.cumulative.length === 1 ? 0 : rng() * total;
      let chosen = g.values.length - 1;
      for (let c = 0; c < g.cumulative.length; c++)
        if (x < g.cumulative[c]!) {
          chosen = c;
          break;
        }
      const values = g.values[chosen]!;
      for (let m = 0; m < g.nodes.length; m++) s[g.nodes[m]!] = values[m]!;
    }
  };
}

/**
 * Simulates trajectories of the continuous-time Markov chain over Boolean states: in each state every node can
 * flip at its rate; the waiting time is exponential with the total rate and the flipping node is drawn in
 * proportion to its rate; a trajectory stops at max_time or in a state where every rate is 0. Probabilities are
 * averaged over time within each window of time_tick and over trajectories, as MaBoSS's probtraj.
 */
export function simulateStochastic(model: MabossModel, options: StochasticOptions = {}): StochasticResult {
  const trajectories = options.trajectories ?? model.settings.sampleCount;
  const maxTime = options.maxTime ?? model.settings.maxTime;
  const tick = options.timeTick ?? model.settings.timeTick;
  const discrete = options.discreteTime ?? model.settings.discreteTime;
  const seed = (options.seed ?? model.settings.seed ?? freshSeed()) >>> 0;
  if (!Number.isInteger(trajectories) || trajectories < 1)
    throw new RangeError(`trajectories must be a positive integer, got ${trajectories}`);
  if (!(maxTime > 0 && Number.isFinite(maxTime)))
    throw new RangeError(`max_time must be positive, got ${maxTime}`);
  if (!(tick > 0 && Number.isFinite(tick))) throw new RangeError(`time_tick must be positive, got ${tick}`);
  const recordAll = options.states === 'all';

  const compiled = compileMaboss(model);
  const { names, rate, affected, affectedStart } = compiled;
  const n = names.length;
  const sample = initialSampler(model, compiled.index);
  const internal = new Set(model.internal);
  const outputs = names.map((_, i) => i).filter((i) => !internal.has(names[i]!));
  const outWord = new Int32Array(n).fill(-1);
  const outMask = new Uint32Array(n);
  outputs.forEach((i, b) => {
    outWord[i] = b >>> 5;
    outMask[i] = (1 << (b & 31)) >>> 0;
  });

  const windowCount = Math.max(1, Math.ceil(maxTime / tick - 1e-9));
  const last = windowCount - 1;
  const lastStart = last * tick;
  const nodePartial = new Float64Array(n * windowCount);
  const nodeWhole = new Float64Array(n * (windowCount + 1));
  const states = new StateTable(outputs.length);
  /** time per (state, window) in partly covered windows: key state * windowCount + window */
  const statePartial = new KeyedSums();
  /** difference counts of wholly covered windows: key state * (windowCount + 1) + window */
  const stateWhole = new Map<number, number>();
  const fullStates = new StateTable(n);
  const fixedCounts = new Map<number, number>();

  const rng = seededRng(seed);
  const s = new Uint8Array(n);
  const rates = new Float64Array(n);
  const active = new Int32Array(n);
  const position = new Int32Array(n);
  const onSince = new Float64Array(n);
  const key = new Uint32Array(states.words);
  const fullKey = new Uint32Array(fullStates.words);
  let transitions = 0;

  const bump = (map: Map<number, number>, slot: number, amount: number): void => {
    map.set(slot, (map.get(slot) ?? 0) + amount);
  };
  const addState = (t0: number, t1: number): void => {
    if (t1 <= t0) return;
    const id = states.intern(key);
    if (!recordAll) {
      if (t1 > lastStart) statePartial.add(id, t1 - Math.max(t0, lastStart));
      return;
    }
    const k0 = Math.min(last, Math.floor(t0 / tick));
    const k1 = Math.min(last, Math.floor(t1 / tick));
    if (k0 === k1) return statePartial.add(id * windowCount + k0, t1 - t0);
    statePartial.add(id * windowCount + k0, (k0 + 1) * tick - t0);
    statePartial.add(id * windowCount + k1, t1 - k1 * tick);
    if (k1 > k0 + 1) {
      bump(stateWhole, id * (windowCount + 1) + k0 + 1, 1);
      bump(stateWhole, id * (windowCount + 1) + k1, -1);
    }
  };
  const setRate = (k: number, r: number, activeCount: number): number => {
    if (!(r >= 0 && r < Infinity))
      throw new RangeError(`rate of '${names[k]}' is ${r} in a reached state; rates must be finite and ≥ 0`);
    rates[k] = r;
    const at = position[k]!;
    if (r > 0) {
      if (at < 0) {
        position[k] = activeCount;
        active[activeCount++] = k;
      }
    } else if (at >= 0) {
      const moved = active[--activeCount]!;
      active[at] = moved;
      position[moved] = at;
      position[k] = -1;
    }
    return activeCount;
  };

  const progressEvery = Math.max(1, Math.floor(trajectories / 100));
  for (let traj = 0; traj < trajectories; traj++) {
    sample(s, rng);
    let activeCount = 0;
    position.fill(-1);
    for (let k = 0; k < n; k++) {
      activeCount = setRate(k, rate[k]!(s), activeCount);
      onSince[k] = 0;
    }
    key.fill(0);
    for (const i of outputs) if (s[i]) key[outWord[i]!]! |= outMask[i]!;
    let stateSince = 0;
    let t = 0;
    while (activeCount > 0) {
      let total = 0;
      for (let a = 0; a < activeCount; a++) total += rates[active[a]!]!;
      const next = discrete ? t + 1 : t - Math.log(1 - rng()) / total;
      if (next >= maxTime) break;
      let x = rng() * total;
      let j = active[activeCount - 1]!;
      for (let a = 0; a < activeCount; a++) {
        const k = active[a]!;
        x -= rates[k]!;
        if (x < 0) {
          j = k;
          break;
        }
      }
      t = next;
      transitions++;
      const value = (s[j] = s[j]! ^ 1);
      if (value === 1) onSince[j] = t;
      else spread(nodePartial, nodeWhole, j, onSince[j]!, t, tick, last);
      if (outWord[j]! >= 0) {
        if (recordAll || t > lastStart) addState(stateSince, t);
        key[outWord[j]!]! ^= outMask[j]!;
        stateSince = t;
      }
      for (let e = affectedStart[j]!, end = affectedStart[j + 1]!; e < end; e++) {
        const k = affected[e]!;
        activeCount = setRate(k, rate[k]!(s), activeCount);
      }
    }
    for (let k = 0; k < n; k++) if (s[k]) spread(nodePartial, nodeWhole, k, onSince[k]!, maxTime, tick, last);
    addState(stateSince, maxTime);
    if (activeCount === 0) {
      fullKey.fill(0);
      for (let k = 0; k < n; k++) if (s[k]) fullKey[k >>> 5]! |= 1 << (k & 31);
      const id = fullStates.intern(fullKey);
      fixedCounts.set(id, (fixedCounts.get(id) ?? 0) + 1);
    }
    if (options.onProgress && ((traj + 1) % progressEvery === 0 || traj + 1 === trajectories))
      options.onProgress(traj + 1, trajectories);
  }

  const outputNames = outputs.map((i) => names[i]!);
  const decoded = new Map<number, string[]>();
  const onNodes = (id: number): string[] => {
    let on = decoded.get(id);
    if (on === undefined) decoded.set(id, (on = states.onNames(id, outputNames)));
    return on;
  };
  /** The states of one group (a window), most probable first, ties in order of first appearance. */
  const stateList = (
    ids: Int32Array,
    times: Float64Array,
    from: number,
    to: number,
    scale: number,
  ): StateProbability[] =>
    Array.from({ length: to - from }, (_, i) => from + i)
      .sort((a, b) => times[b]! - times[a]! || ids[a]! - ids[b]!)
      .map((i) => ({ on: onNodes(ids[i]!), probability: times[i]! * scale }));
  // Whole windows: running sums of the difference counts, times the window width (every whole window is full width).
  const nodeTime = nodePartial;
  for (let i = 0; i < n; i++) {
    let covering = 0;
    for (let k = 0; k < windowCount; k++) {
      covering += nodeWhole[i * (windowCount + 1) + k]!;
      if (covering !== 0) nodeTime[i * windowCount + k]! += covering * tick;
    }
  }
  if (recordAll) {
    const runs = [...stateWhole].filter(([, delta]) => delta !== 0).sort((a, b) => a[0] - b[0]);
    for (let r = 0; r < runs.length;) {
      const id = Math.floor(runs[r]![0] / (windowCount + 1));
      let covering = 0;
      let k = runs[r]![0] % (windowCount + 1);
      for (; r < runs.length && Math.floor(runs[r]![0] / (windowCount + 1)) === id;) {
        const next = runs[r]![0] % (windowCount + 1);
        for (; k < next; k++) if (covering !== 0) statePartial.add(id * windowCount + k, covering * tick);
        covering += runs[r]![1];
        r++;
      }
    }
  }
  // Group the (state, window) sums by window with a counting sort into typed arrays (no per-entry objects).
  const groupCount = recordAll ? windowCount : 1;
  const offsets = new Int32Array(groupCount + 1);
  statePartial.forEach((key) => offsets[(recordAll ? key % windowCount : 0) + 1]!++);
  for (let g = 0; g < groupCount; g++) offsets[g + 1]! += offsets[g]!;
  const fill = offsets.slice();
  const stateIds = new Int32Array(statePartial.size);
  const stateTimes = new Float64Array(statePartial.size);
  statePartial.forEach((key, time) => {
    const at = fill[recordAll ? key % windowCount : 0]!++;
    stateIds[at] = recordAll ? Math.floor(key / windowCount) : key;
    stateTimes[at] = time;
  });
  const windows: ProbabilityWindow[] = [];
  for (let k = 0; k < windowCount; k++) {
    const start = k * tick;
    const end = k === last ? maxTime : (k + 1) * tick;
    const scale = 1 / ((end - start) * trajectories);
    const probabilities: Record<string, number> = {};
    names.forEach((name, i) => (probabilities[name] = nodeTime[i * windowCount + k]! * scale));
    windows.push({
      start,
      end,
      probabilities,
      ...(recordAll ? { states: stateList(stateIds, stateTimes, offsets[k]!, offsets[k + 1]!, scale) } : {}),
    });
  }
  const final = windows[last]!;
  const finalScale = 1 / ((final.end - final.start) * trajectories);
  return {
    seed,
    trajectories,
    maxTime,
    timeTick: tick,
    discreteTime: discrete,
    nodes: names,
    outputNodes: outputNames,
    windows,
    finalProbabilities: final.probabilities,
    finalStates: final.states ?? stateList(stateIds, stateTimes, 0, stateIds.length, finalScale),
    fixedPoints: [...fixedCounts]
      .map(([id, count]) => ({
        id,
        on: fullStates.onNames(id, names),
        probability: count / trajectories,
      }))
      .sort((a, b) => b.probability - a.probability || a.id - b.id)
      .map(({ on, probability }) => ({ on, probability })),
    transitions,
  };
}
