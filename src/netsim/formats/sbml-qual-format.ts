/** SBML Level 3 qual package 1.0 (Chaouiya et al. 2013, BMC Syst Biol 7:135; SBML-qual specification release 1): logical models in and out. */
import { fail, ok, type Issue, type Result } from '../../model/index.js';
import { and, evalExpr, exprInputs, not, or, type CmpOp, type Expr } from '../expr.js';
import {
  checkNetwork,
  constantFunction,
  functionInputs,
  type FunctionTerm,
  type LogicalNetwork,
  type NetworkNode,
  type NodeFunction,
} from '../network.js';
import {
  allStates,
  asBooleanFunction,
  freeInputFunction,
  isFreeInput,
  levelTest,
  stateCount,
  targetLevel,
  type LevelVariable,
} from './level-functions.js';
import { attr, childNamed, childrenNamed, escapeXml, parseXml, type XmlElement } from './xml-tree.js';

const CORE_NS = 'http://www.sbml.org/sbml/level3/version1/core';
const QUAL_NS = 'http://www.sbml.org/sbml/level3/version1/qual/version1';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const SID = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Largest state space enumerated to infer input signs and term overlaps when exporting. */
const ENUMERATION_LIMIT = 1 << 16;

/** How the reader treats files that break the specification in known ways. */
export interface SbmlQualReadOptions {
  /**
   * A transition without `qual:listOfFunctionTerms` is invalid SBML-qual (biodivine/AEON exports, e.g. the
   * BBM collection, write one for each node whose update function is unspecified). `'error'` (the default)
   * refuses the file; `'free-input'` reads the outputs of such transitions as free inputs, with a note.
   */
  missingFunctionTerms?: 'error' | 'free-input';
}

interface Species {
  id: string;
  name?: string;
  maxLevel: number;
  constant: boolean;
  initialLevel?: number;
  element: XmlElement;
}

interface TransitionInput {
  species: string;
  thresholdLevel?: number;
}

const OP_FLIPPED: Record<CmpOp, CmpOp> = {
  eq: 'eq',
  neq: 'neq',
  geq: 'leq',
  gt: 'lt',
  leq: 'geq',
  lt: 'gt',
};
const CMP_OPS = new Set<string>(['eq', 'neq', 'geq', 'gt', 'leq', 'lt']);
const BOOLEAN_OPS = new Set<string>(['and', 'or', 'not', 'xor', 'implies']);

/** Where the reader collects what it finds: issues (located), notes, and an integer-attribute reader. */
interface ReadContext {
  issue: IssueAt;
  issues: Issue[];
  notes: string[];
  /** the attribute as an integer ≥ min; undefined (with an issue) when malformed, undefined when absent */
  integer(element: XmlElement, name: string, field: string, min: number): number | undefined;
}

type IssueAt = (element: XmlElement, field: string | undefined, message: string) => Issue;

/** Parses an SBML-qual document into a logical network; errors name file, line and the transition or species. */
export function parseSbmlQual(
  text: string,
  file = '<sbml>',
  options: SbmlQualReadOptions = {},
): Result<LogicalNetwork> {
  const parsed = parseXml(text, file);
  if (!parsed.ok) return parsed;
  const root = parsed.value.root;
  // One-line exports (BBM) make the line useless on its own, so issues also give the column there.
  const singleLine = !text.trimEnd().includes('\n');
  const issue: IssueAt = (element, field, message) => ({
    file,
    line: element.line,
    ...(field ? { field } : {}),
    message: singleLine ? `${message} (column ${element.column})` : message,
  });
  const ctx: ReadContext = {
    issue,
    issues: [],
    notes: [],
    integer(element, name, field, min) {
      const raw = attr(element, name);
      if (raw === undefined) return undefined;
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
        ctx.issues.push(issue(element, field, `qual:${name} '${raw}' is not an integer ≥ ${min}`));
        return undefined;
      }
      return value;
    },
  };

  if (root.local !== 'sbml')
    return fail(issue(root, 'sbml', `root element is <${root.name}>, expected <sbml>`));
  const level = attr(root, 'level');
  if (level !== '3')
    return fail(issue(root, 'sbml', `SBML level ${level ?? '(missing)'}: SBML-qual needs Level 3`));
  const model = childNamed(root, 'model');
  if (!model) return fail(issue(root, 'sbml', 'no <model> element'));
  const speciesList = childNamed(model, 'listOfQualitativeSpecies');
  if (!speciesList)
    return fail(issue(model, 'model', 'no qual:listOfQualitativeSpecies: not an SBML-qual model'));

  const transitions = childrenNamed(childNamed(model, 'listOfTransitions') ?? model, 'transition');
  const species = readSpecies(speciesList, transitions, ctx);
  const functions = readTransitions(transitions, species, options, ctx);
  if (ctx.issues.length) return fail(...ctx.issues);
  if (species.size === 0) return fail(issue(speciesList, 'model', 'no qualitative species'));
  const nodes = assembleNodes(species, functions, ctx);
  if (ctx.issues.length) return fail(...ctx.issues);
  const modelName = attr(model, 'name') ?? attr(model, 'id');
  const net: LogicalNetwork = {
    ...(modelName ? { name: modelName } : {}),
    nodes,
    ...(ctx.notes.length ? { notes: ctx.notes } : {}),
  };
  const structural = checkNetwork(net, file);
  return structural.length ? fail(...structural) : ok(net);
}

/** Qualitative species; a missing qual:maxLevel is inferred from the levels their transitions produce. */
function readSpecies(
  speciesList: XmlElement,
  transitions: XmlElement[],
  ctx: ReadContext,
): Map<string, Species> {
  const producedLevels = new Map<string, number>();
  for (const tr of transitions)
    for (const out of childrenNamed(childNamed(tr, 'listOfOutputs') ?? tr, 'output')) {
      const target = attr(out, 'qualitativeSpecies');
      const terms = childNamed(tr, 'listOfFunctionTerms');
      if (target === undefined || !terms) continue;
      for (const term of terms.children) {
        const l = Number(attr(term, 'resultLevel'));
        if (Number.isInteger(l)) producedLevels.set(target, Math.max(producedLevels.get(target) ?? 0, l));
      }
    }
  const species = new Map<string, Species>();
  const inferredMax: string[] = [];
  for (const el of childrenNamed(speciesList, 'qualitativeSpecies')) {
    const id = attr(el, 'id');
    if (!id) {
      ctx.issues.push(ctx.issue(el, 'qualitativeSpecies', 'missing qual:id'));
      continue;
    }
    const field = `qualitativeSpecies ${id}`;
    if (species.has(id)) {
      ctx.issues.push(ctx.issue(el, field, 'declared twice'));
      continue;
    }
    const constantText = attr(el, 'constant');
    if (constantText !== undefined && constantText !== 'true' && constantText !== 'false')
      ctx.issues.push(ctx.issue(el, field, `qual:constant '${constantText}' is neither true nor false`));
    const initialLevel = ctx.integer(el, 'initialLevel', field, 0);
    let maxLevel = ctx.integer(el, 'maxLevel', field, 1);
    if (maxLevel === undefined && attr(el, 'maxLevel') === undefined) {
      maxLevel = Math.max(1, initialLevel ?? 0, producedLevels.get(id) ?? 0);
      inferredMax.push(`${id} = ${maxLevel}`);
    }
    if (maxLevel === undefined) continue;
    if (initialLevel !== undefined && initialLevel > maxLevel)
      ctx.issues.push(
        ctx.issue(el, field, `qual:initialLevel ${initialLevel} exceeds qual:maxLevel ${maxLevel}`),
      );
    const name = attr(el, 'name');
    species.set(id, {
      id,
      ...(name !== undefined && name !== id ? { name } : {}),
      maxLevel,
      constant: constantText === 'true',
      ...(initialLevel !== undefined ? { initialLevel } : {}),
      element: el,
    });
  }
  if (inferredMax.length)
    ctx.notes.push(`qual:maxLevel missing; inferred from the levels used: ${inferredMax.join(', ')}`);
  return species;
}

/** A species' function as a transition gives it; `isLenient` marks free inputs read from invalid transitions. */
interface AssignedFunction {
  fn: NodeFunction;
  transition: string;
  isLenient: boolean;
}

/** The function each transition assigns to its output species. */
function readTransitions(
  transitions: XmlElement[],
  species: Map<string, Species>,
  options: SbmlQualReadOptions,
  ctx: ReadContext,
): Map<string, AssignedFunction> {
  const { issue, issues } = ctx;
  const functions = new Map<string, AssignedFunction>();
  transitions.forEach((tr, index) => {
    const trId = attr(tr, 'id') ?? `#${index + 1}`;
    const field = `transition ${trId}`;
    const before = issues.length;
    const inputs = new Map<string, TransitionInput>();
    for (const input of childrenNamed(childNamed(tr, 'listOfInputs') ?? tr, 'input')) {
      const target = attr(input, 'qualitativeSpecies');
      if (target === undefined) {
        issues.push(issue(input, field, 'qual:input without qual:qualitativeSpecies'));
        continue;
      }
      if (!species.has(target)) {
        issues.push(issue(input, field, `input '${target}' is not a declared qualitativeSpecies`));
        continue;
      }
      const threshold = ctx.integer(input, 'thresholdLevel', field, 0);
      const inputId = attr(input, 'id');
      if (inputId !== undefined)
        inputs.set(inputId, {
          species: target,
          ...(threshold !== undefined ? { thresholdLevel: threshold } : {}),
        });
    }
    const outputs: string[] = [];
    for (const output of childrenNamed(childNamed(tr, 'listOfOutputs') ?? tr, 'output')) {
      const target = attr(output, 'qualitativeSpecies');
      const effect = attr(output, 'transitionEffect');
      if (target === undefined)
        issues.push(issue(output, field, 'qual:output without qual:qualitativeSpecies'));
      else if (!species.has(target))
        issues.push(issue(output, field, `output '${target}' is not a declared qualitativeSpecies`));
      else if (effect !== undefined && effect !== 'assignmentLevel')
        issues.push(
          issue(
            output,
            field,
            `output transitionEffect '${effect}' (Petri-net production) is not supported; expected assignmentLevel`,
          ),
        );
      else if (species.get(target)!.constant)
        issues.push(issue(output, field, `output '${target}' is a constant species`));
      else outputs.push(target);
    }
    if (outputs.length === 0 && issues.length === before)
      issues.push(issue(tr, field, 'no qual:output: the transition sets no species'));
    const termList = childNamed(tr, 'listOfFunctionTerms');
    if (!termList) {
      if (options.missingFunctionTerms === 'free-input') {
        for (const target of outputs) {
          const fn = freeInputFunction(target, species.get(target)!.maxLevel);
          functions.set(target, { fn, transition: trId, isLenient: true });
        }
        return;
      }
      issues.push(
        issue(
          tr,
          field,
          'missing qual:listOfFunctionTerms: SBML-qual 1.0 requires one in every transition ' +
            '(biodivine/AEON exports such as the BBM collection leave it out for nodes without an update function)',
        ),
      );
      return;
    }
    const read = readFunctionTerms(termList, field, species, inputs, ctx);
    if (issues.length > before || read === undefined) return;
    for (const target of outputs) {
      const s = species.get(target)!;
      const over = [read.defaultLevel, ...read.terms.map((t) => t.level)].find((l) => l > s.maxLevel);
      if (over !== undefined) {
        issues.push(
          issue(tr, field, `result level ${over} exceeds qual:maxLevel ${s.maxLevel} of '${target}'`),
        );
        continue;
      }
      const previous = functions.get(target);
      if (previous) {
        issues.push(
          issue(tr, field, `'${target}' is already the output of transition ${previous.transition}`),
        );
        continue;
      }
      const fn = s.maxLevel === 1 ? asBooleanFunction(read) : read;
      functions.set(target, { fn, transition: trId, isLenient: false });
    }
  });
  return functions;
}

/**
 * One node per species, in document order: its transition's function; a constant species fixed at its
 * qual:initialLevel; any other species without a transition a free input.
 */
function assembleNodes(
  species: Map<string, Species>,
  functions: Map<string, AssignedFunction>,
  ctx: ReadContext,
): NetworkNode[] {
  const nodes: NetworkNode[] = [];
  const freeInputs: string[] = [];
  for (const s of species.values()) {
    const common = { name: s.id, maxLevel: s.maxLevel, ...(s.name !== undefined ? { label: s.name } : {}) };
    const assigned = functions.get(s.id);
    if (assigned)
      nodes.push({ ...common, fn: assigned.fn, ...(assigned.isLenient ? { role: 'input' } : {}) });
    else if (!s.constant) {
      nodes.push({ ...common, fn: freeInputFunction(s.id, s.maxLevel), role: 'input' });
      freeInputs.push(s.id);
    } else if (s.initialLevel === undefined)
      ctx.issues.push(
        ctx.issue(s.element, `qualitativeSpecies ${s.id}`, 'constant species without qual:initialLevel'),
      );
    else nodes.push({ ...common, fn: constantFunction(s.initialLevel), role: 'input' });
  }
  if (freeInputs.length)
    ctx.notes.push(`species without a transition kept as free inputs: ${freeInputs.join(', ')}`);
  const lenient = [...functions.entries()].filter(([, f]) => f.isLenient).map(([name]) => name);
  if (lenient.length)
    ctx.notes.push(
      `transitions without qual:listOfFunctionTerms (invalid SBML-qual) read as free inputs: ${lenient.join(', ')}`,
    );
  return nodes;
}

function readFunctionTerms(
  termList: XmlElement,
  field: string,
  species: Map<string, Species>,
  inputs: Map<string, TransitionInput>,
  ctx: ReadContext,
): NodeFunction | undefined {
  const { issue, issues, integer } = ctx;
  const defaults = childrenNamed(termList, 'defaultTerm');
  if (defaults.length !== 1) {
    issues.push(
      issue(
        termList,
        field,
        defaults.length === 0
          ? 'qual:listOfFunctionTerms has no qual:defaultTerm'
          : 'qual:listOfFunctionTerms has more than one qual:defaultTerm',
      ),
    );
    return undefined;
  }
  const defaultLevel = integer(defaults[0]!, 'resultLevel', field, 0);
  if (defaultLevel === undefined) {
    if (attr(defaults[0]!, 'resultLevel') === undefined)
      issues.push(issue(defaults[0]!, field, 'qual:defaultTerm without qual:resultLevel'));
    return undefined;
  }
  const terms: FunctionTerm[] = [];
  for (const termEl of childrenNamed(termList, 'functionTerm')) {
    const level = integer(termEl, 'resultLevel', field, 0);
    if (level === undefined) {
      if (attr(termEl, 'resultLevel') === undefined)
        issues.push(issue(termEl, field, 'qual:functionTerm without qual:resultLevel'));
      continue;
    }
    const math = childNamed(termEl, 'math');
    if (!math || math.children.length !== 1) {
      issues.push(
        issue(math ?? termEl, field, 'qual:functionTerm needs one <math> element holding one expression'),
      );
      continue;
    }
    const condition = mathToExpr(math.children[0]!, { field, species, inputs, issue });
    if (!condition.ok) {
      issues.push(...condition.issues);
      continue;
    }
    terms.push({ level, condition: condition.value });
  }
  return { defaultLevel, terms };
}

interface MathContext {
  field: string;
  species: Map<string, Species>;
  inputs: Map<string, TransitionInput>;
  issue: IssueAt;
}

type Operand = { kind: 'species'; id: string } | { kind: 'number'; value: number };

function operand(el: XmlElement, ctx: MathContext): Result<Operand> {
  if (el.local === 'ci') {
    const name = el.text;
    if (ctx.species.has(name)) return ok({ kind: 'species', id: name });
    const input = ctx.inputs.get(name);
    if (input) {
      if (input.thresholdLevel === undefined)
        return fail(
          ctx.issue(el, ctx.field, `input '${name}' is used as a threshold but has no qual:thresholdLevel`),
        );
      return ok({ kind: 'number', value: input.thresholdLevel });
    }
    return fail(ctx.issue(el, ctx.field, `MathML reads unknown qualitativeSpecies '${name}'`));
  }
  if (el.local === 'cn') {
    const type = el.attrs['type'];
    const value = Number(el.text);
    if ((type === undefined || type === 'integer' || type === 'real') && /^[+-]?\d+(\.0*)?$/.test(el.text))
      return ok({ kind: 'number', value });
    return fail(ctx.issue(el, ctx.field, `<cn> '${el.text}' is not an integer level`));
  }
  return fail(ctx.issue(el, ctx.field, `comparison operand <${el.name}> is neither <ci> nor <cn>`));
}

/** Converts the MathML subset SBML-qual tools write (Boolean connectives, level comparisons) into an Expr. */
function mathToExpr(el: XmlElement, ctx: MathContext): Result<Expr> {
  switch (el.local) {
    case 'true':
    case 'false':
      return ok({ kind: 'const', value: el.local === 'true' });
    case 'ci': {
      if (ctx.species.has(el.text)) return ok({ kind: 'var', node: el.text });
      return fail(ctx.issue(el, ctx.field, `MathML reads unknown qualitativeSpecies '${el.text}'`));
    }
    case 'apply':
      break;
    default:
      return fail(ctx.issue(el, ctx.field, `unsupported MathML <${el.name}>`));
  }
  const [head, ...argEls] = el.children;
  if (!head) return fail(ctx.issue(el, ctx.field, 'empty <apply>'));
  const op = head.local;
  if (CMP_OPS.has(op)) {
    if (argEls.length !== 2)
      return fail(ctx.issue(el, ctx.field, `<${op}/> needs two operands, got ${argEls.length}`));
    const left = operand(argEls[0]!, ctx);
    if (!left.ok) return left;
    const right = operand(argEls[1]!, ctx);
    if (!right.ok) return right;
    let id: string;
    let value: number;
    let cmp = op as CmpOp;
    if (left.value.kind === 'species' && right.value.kind === 'number') {
      id = left.value.id;
      value = right.value.value;
    } else if (left.value.kind === 'number' && right.value.kind === 'species') {
      id = right.value.id;
      value = left.value.value;
      cmp = OP_FLIPPED[cmp];
    } else return fail(ctx.issue(el, ctx.field, `<${op}/> must compare one species with one level`));
    const maxLevel = ctx.species.get(id)!.maxLevel;
    if (value < 0 || value > maxLevel)
      return fail(
        ctx.issue(el, ctx.field, `compares '${id}' with ${value}, outside its levels 0..${maxLevel}`),
      );
    return ok(levelTest(id, cmp, value, maxLevel));
  }
  if (!BOOLEAN_OPS.has(op))
    return fail(ctx.issue(head, ctx.field, `unsupported MathML operator <${head.name}>`));
  const args: Expr[] = [];
  for (const a of argEls) {
    const r = mathToExpr(a, ctx);
    if (!r.ok) return r;
    args.push(r.value);
  }
  switch (op) {
    case 'and':
      return ok(args.length === 0 ? { kind: 'const', value: true } : and(...args));
    case 'or':
      return ok(args.length === 0 ? { kind: 'const', value: false } : or(...args));
    case 'not':
      if (args.length !== 1)
        return fail(ctx.issue(el, ctx.field, `<not/> needs one operand, got ${args.length}`));
      return ok(not(args[0]!));
    case 'xor':
      if (args.length === 0) return ok({ kind: 'const', value: false });
      return ok(args.slice(1).reduce((acc, b) => or(and(acc, not(b)), and(not(acc), b)), args[0]!));
    default:
      if (args.length !== 2)
        return fail(ctx.issue(el, ctx.field, `<implies/> needs two operands, got ${args.length}`));
      return ok(or(not(args[0]!), args[1]!));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Export

/** SIds for node names: names that are not SIds get a sanitised, unique id (the name goes to qual:name). */
function sbmlIds(net: LogicalNetwork): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set(net.nodes.filter((n) => SID.test(n.name)).map((n) => n.name));
  for (const node of net.nodes) {
    if (SID.test(node.name)) {
      ids.set(node.name, node.name);
      continue;
    }
    ids.set(
      node.name,
      uniqueId(node.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_') || '_', used),
    );
  }
  return ids;
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
  used.add(id);
  return id;
}

type Sign = 'positive' | 'negative' | 'dual' | 'unknown';

/** The sign of a regulator's effect on a node, from its function (unknown when the space is too large). */
function inferSign(fn: NodeFunction, regulator: string, maxLevelOf: (n: string) => number): Sign {
  const others: LevelVariable[] = [...functionInputs(fn)]
    .filter((n) => n !== regulator)
    .map((name) => ({ name, maxLevel: maxLevelOf(name) }));
  const regMax = maxLevelOf(regulator);
  if (stateCount(others) * (regMax + 1) > ENUMERATION_LIMIT) return 'unknown';
  let up = false;
  let down = false;
  for (const state of allStates(others)) {
    const level = (l: number) => (n: string) => (n === regulator ? l : (state.get(n) ?? 0));
    let previous = targetLevel(fn, level(0));
    for (let l = 1; l <= regMax; l++) {
      const next = targetLevel(fn, level(l));
      if (next > previous) up = true;
      if (next < previous) down = true;
      previous = next;
    }
    if (up && down) return 'dual';
  }
  return up ? 'positive' : down ? 'negative' : 'unknown';
}

/** The lowest level of a regulator at which a rule's comparisons on it can change (for qual:thresholdLevel). */
function threshold(expr: Expr, regulator: string): number | undefined {
  const found: number[] = [];
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'var':
        if (e.node === regulator) found.push(1);
        break;
      case 'cmp':
        if (e.node === regulator)
          found.push(Math.max(1, e.op === 'gt' || e.op === 'leq' ? e.value + 1 : e.value));
        break;
      case 'not':
        visit(e.arg);
        break;
      case 'and':
      case 'or':
        e.args.forEach(visit);
        break;
      case 'const':
    }
  };
  visit(expr);
  return found.length ? Math.min(...found) : undefined;
}

/** True unless exhaustive enumeration shows the two conditions never hold together. */
function mayOverlap(a: Expr, b: Expr, maxLevelOf: (n: string) => number): boolean {
  const vars = [...exprInputs(b, exprInputs(a))].map((name) => ({ name, maxLevel: maxLevelOf(name) }));
  if (stateCount(vars) > ENUMERATION_LIMIT) return true;
  for (const state of allStates(vars)) {
    const level = (n: string) => state.get(n) ?? 0;
    if (evalExpr(a, level) && evalExpr(b, level)) return true;
  }
  return false;
}

/**
 * Terms whose conditions never hold together, as SBML-qual requires: a term keeps its condition and excludes
 * each earlier term of another level it may overlap (first-true-wins semantics preserved).
 */
function exclusiveTerms(fn: NodeFunction, maxLevelOf: (n: string) => number): FunctionTerm[] {
  return fn.terms.map((term, i) => {
    const guards = fn.terms
      .slice(0, i)
      .filter(
        (earlier) =>
          earlier.level !== term.level && mayOverlap(earlier.condition, term.condition, maxLevelOf),
      )
      .map((earlier) => not(earlier.condition));
    return guards.length ? { level: term.level, condition: and(term.condition, ...guards) } : term;
  });
}

function mathml(expr: Expr, id: (n: string) => string, indent: string): string[] {
  const inner = indent + '  ';
  const compare = (op: CmpOp, node: string, value: number) => [
    `${indent}<apply>`,
    `${inner}<${op}/>`,
    `${inner}<ci> ${id(node)} </ci>`,
    `${inner}<cn type="integer"> ${value} </cn>`,
    `${indent}</apply>`,
  ];
  switch (expr.kind) {
    case 'const':
      return [`${indent}<${expr.value ? 'true' : 'false'}/>`];
    case 'var':
      return compare('geq', expr.node, 1);
    case 'cmp':
      return compare(expr.op, expr.node, expr.value);
    case 'not':
      return [`${indent}<apply>`, `${inner}<not/>`, ...mathml(expr.arg, id, inner), `${indent}</apply>`];
    case 'and':
    case 'or':
      if (expr.args.length === 0) return [`${indent}<${expr.kind === 'and' ? 'true' : 'false'}/>`];
      if (expr.args.length === 1) return mathml(expr.args[0]!, id, indent);
      return [
        `${indent}<apply>`,
        `${inner}<${expr.kind}/>`,
        ...expr.args.flatMap((a) => mathml(a, id, inner)),
        `${indent}</apply>`,
      ];
  }
}

/**
 * Writes a logical network as an SBML Level 3 Version 1 qual document: one compartment, one qualitative
 * species per node, one transition per node that is not a free input, with signed inputs and exclusive terms.
 */
export function formatSbmlQual(net: LogicalNetwork): string {
  const ids = sbmlIds(net);
  const id = (n: string) => ids.get(n) ?? n;
  const maxLevels = new Map(net.nodes.map((n) => [n.name, n.maxLevel]));
  const maxLevelOf = (n: string) => maxLevels.get(n) ?? 1;
  const used = new Set([...ids.values(), 'default']);
  const modelId = uniqueId(
    (net.name ?? 'model').replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d|$)/, 'm'),
    used,
  );
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<sbml xmlns="${CORE_NS}" xmlns:qual="${QUAL_NS}" level="3" version="1" qual:required="true">`,
    `  <model id="${modelId}"${net.name !== undefined ? ` name="${escapeXml(net.name)}"` : ''}>`,
    '    <listOfCompartments>',
    '      <compartment id="default" constant="true"/>',
    '    </listOfCompartments>',
    '    <qual:listOfQualitativeSpecies>',
  ];
  for (const node of net.nodes) {
    const name = id(node.name) !== node.name ? node.name : node.label;
    lines.push(
      `      <qual:qualitativeSpecies qual:id="${id(node.name)}"` +
        (name !== undefined ? ` qual:name="${escapeXml(name)}"` : '') +
        ` qual:compartment="default" qual:constant="false" qual:maxLevel="${node.maxLevel}"/>`,
    );
  }
  lines.push('    </qual:listOfQualitativeSpecies>');
  const transitions = net.nodes.filter((n) => !isFreeInput(n));
  if (transitions.length) {
    lines.push('    <qual:listOfTransitions>');
    for (const node of transitions) lines.push(...transition(node, id, maxLevelOf, used));
    lines.push('    </qual:listOfTransitions>');
  }
  lines.push('  </model>', '</sbml>');
  return lines.join('\n') + '\n';
}

function transition(
  node: NetworkNode,
  id: (n: string) => string,
  maxLevelOf: (n: string) => number,
  used: Set<string>,
): string[] {
  const trId = uniqueId(`tr_${id(node.name)}`, used);
  const lines = [`      <qual:transition qual:id="${trId}">`];
  const regulators = [...functionInputs(node.fn)];
  if (regulators.length) {
    lines.push('        <qual:listOfInputs>');
    for (const reg of regulators) {
      const level = Math.min(
        ...node.fn.terms.map((t) => threshold(t.condition, reg) ?? Number.POSITIVE_INFINITY),
      );
      lines.push(
        `          <qual:input qual:id="${uniqueId(`${trId}_in_${id(reg)}`, used)}"` +
          ` qual:qualitativeSpecies="${id(reg)}" qual:transitionEffect="none"` +
          ` qual:sign="${inferSign(node.fn, reg, maxLevelOf)}"` +
          (Number.isFinite(level) ? ` qual:thresholdLevel="${level}"` : '') +
          '/>',
      );
    }
    lines.push('        </qual:listOfInputs>');
  }
  lines.push(
    '        <qual:listOfOutputs>',
    `          <qual:output qual:id="${uniqueId(`${trId}_out`, used)}" qual:qualitativeSpecies="${id(node.name)}" qual:transitionEffect="assignmentLevel"/>`,
    '        </qual:listOfOutputs>',
    '        <qual:listOfFunctionTerms>',
    `          <qual:defaultTerm qual:resultLevel="${node.fn.defaultLevel}"/>`,
  );
  for (const term of exclusiveTerms(node.fn, maxLevelOf))
    lines.push(
      `          <qual:functionTerm qual:resultLevel="${term.level}">`,
      `            <math xmlns="${MATHML_NS}">`,
      ...mathml(term.condition, id, '              '),
      '            </math>',
      '          </qual:functionTerm>',
    );
  lines.push('        </qual:listOfFunctionTerms>', '      </qual:transition>');
  return lines;
}
