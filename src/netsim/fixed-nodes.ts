/** `NODE=level` assignments (command-line `--fix`) parsed against a network into perturbations. */
import { fail, ok, type Issue, type Result } from '../model/index.js';
import { closestNames } from '../names/index.js';
import type { LogicalNetwork, Perturbation } from './network.js';

/**
 * Parses `NODE=level` items (each may hold several, comma-separated). Unknown nodes come back with the closest
 * names; levels must be integers within the node's range (0/1 for Boolean nodes). A node fixed twice is an issue.
 */
export function parseFixedNodes(
  items: readonly string[],
  net: LogicalNetwork,
  field = '--fix',
): Result<Perturbation[]> {
  const nodes = new Map(net.nodes.map((n) => [n.name, n]));
  const issues: Issue[] = [];
  const perturbations: Perturbation[] = [];
  for (const item of items.flatMap((text) => text.split(',')).map((text) => text.trim())) {
    if (item === '') continue;
    const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(item);
    if (!m) {
      issues.push({ field, message: `'${item}': expected NODE=level, e.g. EGF=1` });
      continue;
    }
    const [, name, value] = m as unknown as [string, string, string];
    const node = nodes.get(name);
    if (!node) {
      const close = closestNames(name, nodes.keys(), 5);
      issues.push({
        field,
        message: `unknown node '${name}'${close.length ? `; closest: ${close.join(', ')}` : '; no close names in the model'}`,
      });
      continue;
    }
    const level = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(level >= 0 && level <= node.maxLevel)) {
      issues.push({
        field,
        message: `'${item}': level of ${name} must be ${node.maxLevel === 1 ? '0 or 1' : `an integer 0..${node.maxLevel}`}`,
      });
      continue;
    }
    if (perturbations.some((p) => p.node === name)) {
      issues.push({ field, message: `${name} is fixed more than once` });
      continue;
    }
    perturbations.push({ node: name, level, kind: 'fixed', label: item });
  }
  return issues.length ? fail(...issues) : ok(perturbations);
}
