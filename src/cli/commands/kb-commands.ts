import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import {
  buildKnowledgeBase,
  describeStore,
  KnowledgeStore,
  loadCurationDir,
  loadReferenceNames,
  bundledCurationDir,
} from '../../kb/index.js';
import { ValidationError } from '../../model/index.js';
import { emit } from '../output.js';
import { basename } from 'node:path';
import { withStore } from '../cli-context.js';
import { curatedMatureMirnas, predictUtrSet } from '../../kb/index.js';
import { plainUtrs } from '../scan/plain-scan-run.js';
import type { CliContext } from '../cli-context.js';

export function registerKbCommands(program: Command, ctx: CliContext): void {
  const kb = program.command('kb').description('build and inspect the knowledge store');
  kb.command('build')
    .description(
      'load all curation files into a new store, in one transaction (a failed build leaves the old store intact)',
    )
    .option('--curation <dir>', 'curation directory', bundledCurationDir())
    .option('--json', 'print the build report as JSON')
    .action(async (opts: { curation: string; json?: boolean }) => {
      const config = ctx.config();
      const bar = new SingleBar(
        {
          format: 'kb build [{bar}] {value}/{total} {stage}',
          hideCursor: true,
          stream: process.stderr,
          noTTYOutput: false,
        },
        Presets.shades_classic,
      );
      const interactive = Boolean(process.stderr.isTTY) && !opts.json;
      if (interactive) bar.start(4, 0, { stage: '' });
      try {
        const report = await buildKnowledgeBase(config, {
          curationDir: opts.curation,
          onStage: (stage, index) => (interactive ? bar.update(index, { stage }) : undefined),
        });
        if (interactive) {
          bar.update(4, { stage: 'done' });
          bar.stop();
        }
        emit(Boolean(opts.json), { store: describeStore(config), ...report }, () => [
          `Built ${describeStore(config)} in ${report.milliseconds} ms:`,
          `  ${report.statements} statements (${report.evidence} pieces of evidence) from ${report.rows} curation rows of ${report.sources} sources`,
          `  ${report.mirnas} miRNAs, ${report.genes} genes, ${report.names} indexed names`,
          ...(report.proposals
            ? [
                `  curation queue: ${report.proposals} proposals kept (${report.acceptedProposals} accepted, merged into the statements)`,
              ]
            : []),
        ]);
      } catch (error) {
        if (interactive) bar.stop();
        throw error;
      }
    });
  kb.command('info')
    .description('what the store holds')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }) => {
      const store = await KnowledgeStore.open(ctx.config());
      try {
        const [meta, counts, sources] = [await store.meta(), await store.counts(), await store.sources()];
        emit(Boolean(opts.json), { store: describeStore(store.config), meta, counts, sources }, () => [
          describeStore(store.config),
          ...Object.entries(meta).map(([k, v]) => `  ${k}: ${v}`),
          ...Object.entries(counts).map(([k, v]) => `  ${k}: ${v}`),
          'Sources:',
          ...sources.map((s) => `  ${s.id}  ${s.title}`),
        ]);
      } finally {
        await store.close();
      }
    });

  kb.command('load-utrs')
    .description(
      'load a 3′UTR set (FASTA or TargetScan file; ids = gene symbols) and predict the curated miRNAs’ seed sites in it',
    )
    .argument('<file>', 'UTR FASTA or TargetScan UTR_Sequences file (.gz accepted)')
    .option('--name <name>', 'name of the set (replaces a set of that name)', '')
    .option('--species <id>', 'with a TargetScan file: the species rows to load', '9606')
    .option('--json', 'JSON output')
    .action(async (file: string, opts: { name: string; species: string; json?: boolean }) => {
      const source = opts.name || basename(file).replace(/\.(gz)$/, '');
      const names = loadReferenceNames();
      const report = await withStore(ctx, async (store) => {
        const statements = await store.statements({ statuses: ['curated'] });
        const subjects = [
          ...new Set(statements.filter((s) => s.subject.kind === 'mirna').map((s) => s.subject.id)),
        ];
        const mirnas = (await Promise.all(subjects.map((n) => store.mirna(n)))).filter(
          (m) => m !== undefined,
        );
        const matures = curatedMatureMirnas(names, statements, mirnas);
        const predicted = await predictUtrSet(names, source, plainUtrs(file, opts.species), matures);
        await store.replaceUtrSet(source, predicted.utrs, predicted.sites);
        return {
          source,
          utrs: predicted.utrs.length,
          unmapped: predicted.unmapped,
          sites: predicted.sites.length,
          mirnas: matures.length,
        };
      });
      emit(Boolean(opts.json), report, () => [
        `loaded '${report.source}': ${report.utrs} UTRs; ${report.sites} canonical sites of ${report.mirnas} curated mature miRNAs` +
          (report.unmapped
            ? `; ${report.unmapped} UTR ids did not resolve to one gene symbol and were skipped`
            : ''),
      ]);
    });

  program
    .command('curation')
    .description('curation files')
    .command('validate')
    .description('check curation files without building (errors as file:line: field: message)')
    .argument('[dir]', 'curation directory', bundledCurationDir())
    .option('--json', 'JSON output')
    .action((dir: string, opts: { json?: boolean }) => {
      const result = loadCurationDir(dir, loadReferenceNames());
      if (!result.ok) throw new ValidationError(result.issues);
      const { rows, statements, sources } = result.value;
      emit(
        Boolean(opts.json),
        { ok: true, rows, statements: statements.length, sources: sources.length },
        () => [
          `${dir}: ${rows} rows → ${statements.length} statements from ${sources.length} sources; no problems`,
        ],
      );
    });
}
