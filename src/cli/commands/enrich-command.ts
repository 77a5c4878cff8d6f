import type { Command } from 'commander';
import {
  curatedEnrichment,
  loadGeneSets,
  loadReferenceNames,
  predictedEnrichment,
  type EnrichmentReport,
} from '../../kb/index.js';
import { ValidationError } from '../../model/index.js';
import { withStore, type CliContext } from '../cli-context.js';
import { emit } from '../output.js';
import { plainMirnas, plainUtrs } from '../scan/plain-scan-run.js';

const fmt = (v: number) => (v === Infinity ? 'Inf' : v < 1e-3 && v > 0 ? v.toExponential(2) : v.toFixed(3));

function table(report: EnrichmentReport): string[] {
  const head = ['set', 'K', 'x', 'expected', 'fold', 'p', 'q (BH)', 'odds ratio [95% CI]', 'overlap'];
  const rows = [...report.rows]
    .sort((a, b) => a.pUpper - b.pUpper)
    .map((r) => [
      r.set,
      String(r.K),
      String(r.x),
      r.expected.toFixed(2),
      r.foldEnrichment.toFixed(2),
      fmt(r.pUpper),
      fmt(r.q),
      `${fmt(r.oddsRatio)} [${fmt(r.ci95[0])}, ${fmt(r.ci95[1])}]`,
      r.overlap.join(', '),
    ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [
    `${report.source} targets of ${report.mirnas.join(', ')}: ${report.targets.length} genes in a universe of ${report.universe}`,
    '',
    line(head),
    ...rows.map(line),
    '',
    ...report.notes.map((n) => `note: ${n}`),
  ];
}

export function registerEnrichCommand(program: Command, ctx: CliContext): void {
  program
    .command('enrich')
    .description(
      'over-representation of a miRNA set’s targets in resistance pathway gene sets (hypergeometric / Fisher, BH)',
    )
    .requiredOption(
      '--mirna <names...>',
      'miRNA names (any nomenclature) — or, with --source predicted, mature FASTA files',
    )
    .option('--source <source>', 'curated (knowledge graph) or predicted (seed sites in --utrs)', 'curated')
    .option('--utrs <file>', 'with --source predicted: UTRs as FASTA or TargetScan file, ids = gene symbols')
    .option('--species <id>', 'with a TargetScan UTR file: the species rows to use', '9606')
    .option(
      '--site-types <types>',
      'with --source predicted: site types that make a target',
      '8mer-1a,7mer-m8,7mer-1a',
    )
    .option('--sets <file>', 'gene sets (set<TAB>source<TAB>genes); default: data/pathway-gene-sets.tsv')
    .option('--json', 'JSON output')
    .action(
      async (opts: {
        mirna: string[];
        source: string;
        utrs?: string;
        species: string;
        siteTypes: string;
        sets?: string;
        json?: boolean;
      }) => {
        const sets = loadGeneSets(opts.sets);
        const names = loadReferenceNames();
        let report: EnrichmentReport;
        if (opts.source === 'curated') {
          report = await withStore(ctx, (store) => curatedEnrichment(store, names, opts.mirna, sets));
        } else if (opts.source === 'predicted') {
          if (!opts.utrs)
            throw new ValidationError([{ field: '--utrs', message: 'required with --source predicted' }]);
          report = await predictedEnrichment(
            names,
            await plainMirnas(opts.mirna),
            plainUtrs(opts.utrs, opts.species),
            sets,
            opts.siteTypes.split(','),
          );
        } else {
          throw new ValidationError([
            { field: '--source', message: `'${opts.source}' is not curated or predicted` },
          ]);
        }
        emit(Boolean(opts.json), report, () => table(report));
      },
    );
}
