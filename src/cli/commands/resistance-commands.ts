/** `miresist simulate`, `screen` and `scenarios`: the resistance model, with the knowledge graph's miRNA edges. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  bundledDataDir,
  loadReferenceNames,
  loadResistanceModel,
  runScreen,
  runSimulation,
} from '../../kb/index.js';
import { ValidationError } from '../../model/index.js';
import {
  checkScenario,
  contextMirnasOn,
  formatExplanation,
  parseAssignments,
  parseScenarios,
  PHENOTYPES,
  runScenario,
  type ResistanceOutcome,
} from '../../netsim/index.js';
import { withStore, type CliContext } from '../cli-context.js';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').filter(Boolean),
];

function outcomeLines(outcome: ResistanceOutcome, explain: string[]): string[] {
  const lines = [
    `attractor: ${outcome.attractor.kind === 'fixed' ? 'fixed point' : `cycle of ${outcome.attractor.states.length} states`}, reached in ${outcome.steps} synchronous steps`,
    '',
    'phenotypes:',
    ...PHENOTYPES.map(
      (p) =>
        `  ${p.padEnd(14)} ${outcome.phenotypes[p] === 1 ? 'ON ' : outcome.phenotypes[p] === 0 ? 'off' : outcome.phenotypes[p]!.toFixed(2)}`,
    ),
  ];
  for (const node of explain) {
    lines.push('', `why ${node} = ${outcome.values[node]}:`);
    lines.push(...formatExplanation(outcome.explanations[node]!).map((l) => `  ${l}`));
  }
  return lines;
}

export function registerResistanceCommands(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .description(
      'run the miResist resistance model: context + therapies + miRNA mimics/inhibitors → phenotypes, explained',
    )
    .requiredOption(
      '--context <id>',
      'cellular context (her2, her2-resistant, her2-igf1r, luminal, luminal-tamoxifen-resistant, tnbc, mdr)',
    )
    .option('--therapy <names>', 'therapy (repeatable or comma-separated; any synonym)', collect, [])
    .option('--mimic <names>', 'miRNA mimic: the miRNA forced on (repeatable)', collect, [])
    .option('--inhibit <names>', 'miRNA inhibitor: the miRNA forced off (repeatable)', collect, [])
    .option('--fix <NODE=0|1>', 'also fix a model node (knockout / over-expression; repeatable)', collect, [])
    .option('--explain <nodes>', 'nodes to explain (default: Proliferation, Apoptosis)', collect, [])
    .option('--json', 'machine-readable result')
    .action(
      async (opts: {
        context: string;
        therapy: string[];
        mimic: string[];
        inhibit: string[];
        fix: string[];
        explain: string[];
        json?: boolean;
      }) => {
        const names = loadReferenceNames();
        const model = await withStore(ctx, (store) => loadResistanceModel(store));
        const fixed = parseAssignments(opts.fix.join(';'), { file: '--fix', line: 1, field: 'fix' });
        if (!fixed.ok) throw new ValidationError(fixed.issues);
        const { outcome, explained: explain } = runSimulation(model, names, {
          context: opts.context,
          therapies: opts.therapy,
          mimics: opts.mimic,
          inhibitors: opts.inhibit,
          fixed: fixed.value,
          explain: opts.explain,
        });
        if (opts.json) {
          process.stdout.write(JSON.stringify(outcome, null, 2) + '\n');
          return;
        }
        const context = model.contexts.get(opts.context)!;
        const lines = [
          `context ${context.id} (${context.subtype}): ${context.description}`,
          `perturbations: ${outcome.perturbations.map((p) => p.label).join(', ') || 'none'}`,
          `miRNAs the context switches on (up in cells resistant to ${context.resistantTo ?? '—'}): ${
            contextMirnasOn(model, context.id).join(', ') || 'none'
          }`,
          ...outcomeLines(outcome, explain),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      },
    );

  program
    .command('screen')
    .description(
      'rank every single miRNA mimic and inhibitor in the model by how far it moves Proliferation/Apoptosis under a therapy',
    )
    .requiredOption('--therapy <names>', 'therapy (repeatable or comma-separated)', collect)
    .option('--context <id>', 'cellular context (default: the context resistant to the therapy)')
    .option('--all', 'also list perturbations that change nothing')
    .option('--json', 'machine-readable result')
    .action(async (opts: { therapy: string[]; context?: string; all?: boolean; json?: boolean }) => {
      const names = loadReferenceNames();
      const model = await withStore(ctx, (store) => loadResistanceModel(store));
      const {
        context,
        therapies: drugs,
        baseline,
        entries,
      } = runScreen(model, names, { therapies: opts.therapy, context: opts.context });
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(
            {
              context,
              therapies: drugs,
              baseline: baseline.phenotypes,
              entries: entries.map(({ outcome: _outcome, ...rest }) => rest),
            },
            null,
            2,
          ) + '\n',
        );
        return;
      }
      const shown = opts.all ? entries : entries.filter((e) => e.effect !== 'no change');
      const lines = [
        `screen: ${model.mirnaNodes.size} miRNAs × {mimic, inhibitor} under ${drugs.join(' + ')} in context ${context}`,
        `baseline: Proliferation ${baseline.phenotypes.Proliferation}, Apoptosis ${baseline.phenotypes.Apoptosis}`,
        '',
        `${'rank'.padEnd(5)}${'miRNA'.padEnd(22)}${'perturbation'.padEnd(13)}${'ΔProlif'.padEnd(9)}${'ΔApopt'.padEnd(8)}effect`,
        ...shown.map(
          (e, i) =>
            `${String(i + 1).padEnd(5)}${e.mirna.padEnd(22)}${e.perturbation.padEnd(13)}${String(e.deltaProliferation).padEnd(9)}${String(e.deltaApoptosis).padEnd(8)}${e.effect}`,
        ),
        '',
        `${entries.length - shown.length} perturbation(s) change nothing${opts.all ? '' : ' (--all lists them)'}; an inhibitor acts only on a miRNA the context expresses`,
      ];
      for (const e of shown.filter((x) => x.effect === 're-sensitises')) {
        lines.push('', `${e.mirna} ${e.perturbation}: why ${e.explanation.node} = ${e.explanation.value}`);
        lines.push(...formatExplanation(e.explanation).map((l) => `  ${l}`));
      }
      process.stdout.write(lines.join('\n') + '\n');
    });

  program
    .command('scenarios')
    .description("run the seeds' claims as executable checks on the resistance model")
    .option('--file <tsv>', 'scenario table', join(bundledDataDir(), 'scenarios', 'seed-claims.tsv'))
    .option('--json', 'machine-readable result')
    .option('--explain', 'print the explanation of every scenario, not only of failures')
    .action(async (opts: { file: string; json?: boolean; explain?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(opts.file, 'utf8');
      } catch (error) {
        throw new ValidationError([{ file: opts.file, message: `cannot read: ${(error as Error).message}` }]);
      }
      const parsed = parseScenarios(text, opts.file);
      if (!parsed.ok) throw new ValidationError(parsed.issues);
      const model = await withStore(ctx, (store) => loadResistanceModel(store));
      const issues = parsed.value.flatMap((s) => checkScenario(model, s, opts.file));
      if (issues.length) throw new ValidationError(issues);
      const results = parsed.value.map((s) => runScenario(model, s));
      const checks = results.filter((r) => r.scenario.status === 'check');
      const failed = checks.filter((r) => !r.passed);
      const gaps = results.filter((r) => r.scenario.status === 'gap');
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(
            {
              passed: checks.length - failed.length,
              failed: failed.length,
              gaps: gaps.length,
              results: results.map((r) => ({
                id: r.scenario.id,
                status: r.scenario.status,
                passed: r.passed,
                claim: r.scenario.claim,
                source: r.scenario.source,
                quote: r.scenario.quote,
                note: r.scenario.note,
                checks: r.checks,
                phenotypes: r.outcome.phenotypes,
              })),
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        const lines: string[] = [];
        for (const r of results) {
          const s = r.scenario;
          const tag = s.status === 'gap' ? (r.passed ? 'GAP*' : 'GAP ') : r.passed ? 'PASS' : 'FAIL';
          const perturb = [
            ...s.therapies,
            ...s.mimics.map((m) => `${m} mimic`),
            ...s.inhibitors.map((m) => `${m} inhibitor`),
          ].join(' + ');
          lines.push(`${tag} ${s.id}: ${s.context} + ${perturb || 'nothing'}  [${s.claim}]`);
          for (const c of r.checks) lines.push(`       ${c.holds ? '✓' : '✗'} ${c.expectation}: ${c.actual}`);
          if (s.status === 'gap') lines.push(`       gap: ${s.note}`);
          if ((s.status === 'check' && !r.passed) || opts.explain) {
            lines.push(`       “${s.quote}” — ${s.source}`);
            const node = r.checks.find((c) => !c.holds)?.node ?? 'Proliferation';
            lines.push(...formatExplanation(r.outcome.explanations[node]!).map((l) => `       ${l}`));
          }
        }
        lines.push(
          '',
          `${checks.length - failed.length}/${checks.length} checks pass; ${gaps.length} documented gap(s) (claims the model does not reproduce${gaps.some((g) => g.passed) ? '; GAP* = now reproduced: promote it to a check' : ''})`,
        );
        process.stdout.write(lines.join('\n') + '\n');
      }
      if (failed.length) process.exitCode = 1;
    });
}
