/** Update schemes of logical networks (synchronous; random-order asynchronous, Saadatpour et al. 2010; general asynchronous, BoolNet 2.1.7 / GINsim), with seeded trajectories. */
import { stepToward, type CompiledNetwork } from './compile.js';
import { seededRng, type Rng } from './rng.js';

export type UpdateSchemeId = 'synchronous' | 'asynchronous' | 'general-asynchronous';

export interface UpdateScheme {
  id: UpdateSchemeId;
  /** one line for help texts and reports */
  description: string;
  /** true when a step draws random numbers */
  isStochastic: boolean;
  /**
   * Replaces `state` by a successor, in place; `scratch` has the state's length. Returns false when no update
   * changes the state (a fixed point: every scheme stops there).
   */
  step(net: CompiledNetwork, state: Uint8Array, rng: Rng, scratch: Uint8Array): boolean;
}

/** Every node's next level in `state` (multi-valued nodes move one level toward their target). */
function nextLevels(net: CompiledNetwork, state: Uint8Array, out: Uint8Array): boolean {
  let changes = false;
  for (let i = 0; i < state.length; i++) {
    out[i] = stepToward(state[i]!, net.targets[i]!(state));
    if (out[i] !== state[i]) changes = true;
  }
  return changes;
}

const synchronous: UpdateScheme = {
  id: 'synchronous',
  description: 'every node updated at once from the same state',
  isStochastic: false,
  step(net, state, _rng, scratch) {
    if (!nextLevels(net, state, scratch)) return false;
    state.set(scratch);
    return true;
  },
};

const asynchronous: UpdateScheme = {
  id: 'asynchronous',
  description:
    'every node updated once per step, one after another, in a fresh random order (random-order sweep)',
  isStochastic: true,
  step(net, state, rng, scratch) {
    if (!nextLevels(net, state, scratch)) return false;
    const order = Array.from(state, (_, i) => i);
    for (let k = order.length - 1; k > 0; k--) {
      const r = Math.floor(rng() * (k + 1));
      [order[k], order[r]] = [order[r]!, order[k]!];
    }
    for (const i of order) state[i] = stepToward(state[i]!, net.targets[i]!(state));
    return true;
  },
};

const generalAsynchronous: UpdateScheme = {
  id: 'general-asynchronous',
  description: 'one node per step, chosen uniformly among the nodes whose update changes the state',
  isStochastic: true,
  step(net, state, rng, scratch) {
    if (!nextLevels(net, state, scratch)) return false;
    let count = 0;
    for (let i = 0; i < state.length; i++) if (scratch[i] !== state[i]) count++;
    let pick = Math.floor(rng() * count);
    for (let i = 0; i < state.length; i++)
      if (scratch[i] !== state[i] && pick-- === 0) {
        state[i] = scratch[i]!;
        break;
      }
    return true;
  },
};

/** The update schemes by id (a registry: STYLE guideline 9). */
export const UPDATE_SCHEMES: Readonly<Record<UpdateSchemeId, UpdateScheme>> = {
  synchronous,
  asynchronous,
  'general-asynchronous': generalAsynchronous,
};

/** The scheme of an id, or undefined for an unknown one. */
export function updateScheme(id: string): UpdateScheme | undefined {
  return Object.hasOwn(UPDATE_SCHEMES, id) ? UPDATE_SCHEMES[id as UpdateSchemeId] : undefined;
}

export interface Trajectory {
  scheme: UpdateSchemeId;
  /** the seed of the random numbers (recorded also for deterministic schemes) */
  seed: number;
  /** states[0] is the initial state, then one state per step */
  states: Uint8Array[];
  /** true when the last state is a fixed point */
  reachedFixedPoint: boolean;
}

/**
 * A trajectory of at most `steps` steps from `initialState` (not modified), stopping early at a fixed point.
 * The same seed gives the same trajectory.
 */
export function simulateTrajectory(
  net: CompiledNetwork,
  scheme: UpdateScheme | UpdateSchemeId,
  initialState: Uint8Array,
  steps: number,
  seed: number,
): Trajectory {
  const rule = typeof scheme === 'string' ? UPDATE_SCHEMES[scheme] : scheme;
  if (initialState.length !== net.names.length)
    throw new RangeError(`initial state has ${initialState.length} levels for ${net.names.length} nodes`);
  const state = Uint8Array.from(initialState);
  const scratch = new Uint8Array(state.length);
  const rng = seededRng(seed);
  const states = [Uint8Array.from(state)];
  let reachedFixedPoint = false;
  for (let t = 0; t < steps; t++) {
    if (!rule.step(net, state, rng, scratch)) {
      reachedFixedPoint = true;
      break;
    }
    states.push(Uint8Array.from(state));
  }
  if (!reachedFixedPoint) reachedFixedPoint = !nextLevels(net, state, scratch);
  return { scheme: rule.id, seed, states, reachedFixedPoint };
}
