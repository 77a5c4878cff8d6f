/** Compares logical networks by the truth tables of their node functions (meaning, not syntax). */
import { functionInputs, type LogicalNetwork } from '../../src/netsim/index.js';
import { allStates, stateCount, targetLevel } from '../../src/netsim/formats/level-functions.js';

/**
 * Every difference between two networks: nodes missing on either side, different max levels, and, per node,
 * the first state of its inputs where the two functions give different levels. Empty when equivalent.
 */
export function functionDifferences(a: LogicalNetwork, b: LogicalNetwork, limit = 1 << 18): string[] {
  const differences: string[] = [];
  const nodesB = new Map(b.nodes.map((n) => [n.name, n]));
  const maxLevel = (name: string) =>
    a.nodes.find((n) => n.name === name)?.maxLevel ?? nodesB.get(name)?.maxLevel ?? 1;
  for (const name of nodesB.keys())
    if (!a.nodes.some((n) => n.name === name)) differences.push(`${name}: only in the second network`);
  for (const node of a.nodes) {
    const other = nodesB.get(node.name);
    if (!other) {
      differences.push(`${node.name}: only in the first network`);
      continue;
    }
    if (other.maxLevel !== node.maxLevel) {
      differences.push(`${node.name}: max level ${node.maxLevel} vs ${other.maxLevel}`);
      continue;
    }
    const vars = [...new Set([...functionInputs(node.fn), ...functionInputs(other.fn)])].map((n) => ({
      name: n,
      maxLevel: maxLevel(n),
    }));
    if (stateCount(vars) > limit) throw new Error(`${node.name}: too many input states to compare`);
    for (const state of allStates(vars)) {
      const level = (n: string) => state.get(n) ?? 0;
      const [x, y] = [targetLevel(node.fn, level), targetLevel(other.fn, level)];
      if (x !== y) {
        differences.push(`${node.name}: ${x} vs ${y} at ${JSON.stringify(Object.fromEntries(state))}`);
        break;
      }
    }
  }
  return differences;
}
