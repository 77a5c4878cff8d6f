/** `miresist analyse qpcr|rtca|dose-response|synergy|de`: wiring only — read files, run a stats core, link, write. */
import type { Command } from 'commander';
import {
  analysisDocument,
  linkChangesToKnowledge,
  loadReferenceNames,
  type KnowledgeLink,
} from '../../kb/index.js';
import { readBinaryFile, readTextFile, writeFilesAtomically } from '../../kb/text-input.js';
import { StoreError, ValidationError, type Result } from '../../model/index.js';
import { tidyTableToCsv, type AnalysisOutput } from '../../stats/analysis-output.js';
import { runDoseResponseAnalysis } from '../../stats/dose-response/index.js';
import { runDifferentialExpression } from '../../stats/differential-expression/index.js';
import { runQpcrAnalysis, runReferenceStability } from '../../stats/qpcr/index.js';
import { runRtcaAnalysis } from '../../stats/rtca/index.js';
import { runSynergyAnalysis } from '../../stats/synergy/index.js';
import { withStore, type CliContext } from '../cli-context.js';
import { analysisSummaryLines } from '../analysis-summary.js';

interface CommonOptions {
  json?: boolean;
  out?: string;
  therapy?: string;
  knowledge: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function numberOption(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n))
      throw new ValidationError([{ field: name, message: `'${value}' is not a number` }]);
    return n;
  };
}

function rangeOption(name: string) {
  return (value: string): [number, number] => {
    const parts = value.split(/[,:]/).map((v) => Number(v.trim()));
    if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v)) || parts[0]! >= parts[1]!)
      throw new ValidationError([{ field: name, message: `'${value}' is not a range A,B with A < B` }]);
    return [parts[0]!, parts[1]!];
  };
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ValidationError(result.issues);
  return result.value;
}

/** Runs the knowledge link for analyses with per-miRNA changes; a missing store is a note, not a failure. */
async function knowledgeFor(
  ctx: CliContext,
  output: AnalysisOutput,
  options: CommonOptions,
): Promise<{ links: KnowledgeLink[]; note?: string } | undefined> {
  if (!output.changes || !options.knowledge) return undefined;
  const names = loadReferenceNames();
  try {
    const links = await withStore(ctx, (store) =>
      linkChangesToKnowledge(store, names, output.changes!, { therapy: options.therapy }),
    );
    return { links };
  } catch (error) {
    if (error instanceof StoreError)
      return { links: [], note: `knowledge graph not available: ${error.message}` };
    throw error;
  }
}

/** Shared tail of every analysis: knowledge link, then JSON or a text summary, and the files under --out. */
async function finish(ctx: CliContext, output: AnalysisOutput, options: CommonOptions): Promise<void> {
  const knowledge = await knowledgeFor(ctx, output, options);
  const { json, tables } = analysisDocument(output, knowledge && { ...knowledge, therapy: options.therapy });
  let written: string[] = [];
  if (options.out) {
    const files: Record<string, string> = {
      [`${output.analysis}.json`]: JSON.stringify(json, null, 2) + '\n',
    };
    for (const [stem, table] of Object.entries(tables)) files[`${stem}.csv`] = tidyTableToCsv(table);
    for (const [stem, svg] of Object.entries(output.figures)) files[`${stem}.svg`] = svg;
    written = writeFilesAtomically(options.out, files);
  }
  if (options.json) {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const lines = analysisSummaryLines(output);
  if (knowledge) {
    lines.push(
      '',
      `What the knowledge graph says${options.therapy ? ` (therapy: ${options.therapy})` : ''}:`,
    );
    if (knowledge.note) lines.push(`  note: ${knowledge.note}`);
    if (!knowledge.links.length && !knowledge.note) lines.push('  no significant miRNA change to look up');
    for (const link of knowledge.links) lines.push(`  • ${link.message}`);
  }
  if (written.length)
    lines.push('', `wrote ${written.length} files to ${options.out}:`, ...written.map((f) => `  ${f}`));
  process.stdout.write(lines.join('\n') + '\n');
}

function common(command: Command, withKnowledge: boolean): Command {
  command.option('--json', 'print the JSON document instead of the text summary');
  command.option('--out <dir>', 'write tidy CSV tables, SVG figures and the JSON document into this folder');
  if (withKnowledge) {
    command.option('--therapy <name>', 'link significant miRNAs to curated statements about this therapy');
    command.option('--no-knowledge', 'do not look significant miRNAs up in the knowledge graph');
  }
  return command;
}

export function registerAnalyseCommands(program: Command, ctx: CliContext): void {
  const analyse = program
    .command('analyse')
    .alias('analyze')
    .description(
      'analyse lab data: RT-qPCR, real-time cell analysis, dose–response, synergy, differential expression',
    );

  common(
    analyse
      .command('qpcr <file>')
      .description(
        'relative quantification (Livak ΔΔCt or Pfaffl, NRQ with several references), Welch t on ΔCt',
      )
      .option('--format <format>', 'long | cfx | quantstudio | rdml (default: detected from the content)')
      .option('--sample-map <file>', 'well → sample, group[, target] (for instrument exports)')
      .option('--reference <target>', 'reference (normaliser) target; repeat for several', collect, [])
      .option(
        '--calibrator <group>',
        'the calibrator (control/parental) group; default: a group named parental, control, vehicle, sensitive …, else the first group',
      )
      .option('--method <method>', 'livak | pfaffl', 'livak')
      .option('--standard-curve <file>', 'dilution series for efficiencies (needed by --method pfaffl)')
      .option('--error <mode>', 'Livak error: separate-tube | same-tube', 'separate-tube')
      .option(
        '--ct-cutoff <ct>',
        'Ct at or above this is censored (no amplification)',
        numberOption('--ct-cutoff'),
        40,
      )
      .option(
        '--max-replicate-sd <sd>',
        'QC flag above this technical-replicate SD',
        numberOption('--max-replicate-sd'),
        0.5,
      )
      .option(
        '--min-replicates <n>',
        'QC flag below this many technical replicates',
        numberOption('--min-replicates'),
        2,
      )
      .option('--alpha <p>', 'significance level', numberOption('--alpha'), 0.05)
      .option('--student', 'Student t (equal variances) instead of Welch'),
    true,
  ).action(
    async (
      file: string,
      o: CommonOptions & {
        format?: string;
        sampleMap?: string;
        reference: string[];
        calibrator?: string;
        method: string;
        standardCurve?: string;
        error: string;
        ctCutoff: number;
        maxReplicateSd: number;
        minReplicates: number;
        alpha: number;
        student?: boolean;
      },
    ) => {
      if (!o.reference.length)
        throw new ValidationError([{ field: '--reference', message: 'name at least one reference target' }]);
      if (o.method !== 'livak' && o.method !== 'pfaffl')
        throw new ValidationError([{ field: '--method', message: `'${o.method}' is not livak or pfaffl` }]);
      if (o.error !== 'separate-tube' && o.error !== 'same-tube')
        throw new ValidationError([
          { field: '--error', message: `'${o.error}' is not separate-tube or same-tube` },
        ]);
      const format = o.format as 'long' | 'cfx' | 'quantstudio' | 'rdml' | undefined;
      if (format && !['long', 'cfx', 'quantstudio', 'rdml'].includes(format))
        throw new ValidationError([
          { field: '--format', message: `'${o.format}' is not long, cfx, quantstudio or rdml` },
        ]);
      const output = unwrap(
        runQpcrAnalysis(
          {
            data:
              format === 'rdml' || /\.rdml$/i.test(file)
                ? { text: '', ...readBinaryFile(file, 'RDML') }
                : readTextFile(file, 'qPCR'),
            sampleMap: o.sampleMap ? readTextFile(o.sampleMap, 'sample map') : undefined,
            standardCurve: o.standardCurve ? readTextFile(o.standardCurve, 'standard curve') : undefined,
            format,
          },
          {
            references: o.reference,
            calibrator: o.calibrator,
            method: o.method,
            errorMode: o.error,
            ctCutoff: o.ctCutoff,
            maxReplicateSd: o.maxReplicateSd,
            minReplicates: o.minReplicates,
            alpha: o.alpha,
            equalVariance: Boolean(o.student),
          },
        ),
      );
      await finish(ctx, output, o);
    },
  );

  common(
    analyse
      .command('reference-genes <file>')
      .description('reference-gene stability: geNorm M (stepwise), V(n/n+1), NormFinder'),
    false,
  ).action(async (file: string, o: CommonOptions) => {
    await finish(ctx, unwrap(runReferenceStability(readTextFile(file, 'reference candidates'), {})), {
      ...o,
      knowledge: false,
    });
  });

  common(
    analyse
      .command('rtca <file>')
      .description('real-time cell analysis: normalised cell index, slope, doubling time, AUC')
      .option('--layout <file>', 'well → group[, treatment]')
      .option('--base-time <h>', 'normalisation time (h)', numberOption('--base-time'))
      .option('--window <a,b>', 'time window (h) for slope and doubling time', rangeOption('--window'))
      .option(
        '--treatment-time <h>',
        'time of treatment (h), marked on the figures',
        numberOption('--treatment-time'),
      )
      .option('--reference-group <group>', 'group the others are compared with'),
    false,
  ).action(
    async (
      file: string,
      o: CommonOptions & {
        layout?: string;
        baseTime?: number;
        window?: [number, number];
        treatmentTime?: number;
        referenceGroup?: string;
      },
    ) => {
      const output = unwrap(
        runRtcaAnalysis(readTextFile(file, 'cell-index'), {
          layout: o.layout ? readTextFile(o.layout, 'layout') : undefined,
          baseTime: o.baseTime,
          window: o.window,
          treatmentTime: o.treatmentTime,
          referenceGroup: o.referenceGroup,
        }),
      );
      await finish(ctx, output, { ...o, knowledge: false });
    },
  );

  common(
    analyse
      .command('dose-response <file>')
      .description('4-parameter log-logistic fits (drc LL.4), IC50 with CI, resistance index')
      .option(
        '--reference-group <group>',
        'the parental (reference) group; default: a group named parental, control, sensitive …, else the first group',
      ),
    false,
  ).action(async (file: string, o: CommonOptions & { referenceGroup?: string }) => {
    const output = unwrap(
      runDoseResponseAnalysis(readTextFile(file, 'dose–response'), { referenceGroup: o.referenceGroup }),
    );
    await finish(ctx, output, { ...o, knowledge: false });
  });

  common(
    analyse
      .command('synergy <file>')
      .description('drug-combination synergy: Bliss, HSA, Loewe, ZIP (SynergyFinder), Chou–Talalay CI')
      .option('--data-type <type>', 'the response column holds inhibition or viability (%)', 'inhibition'),
    false,
  ).action(async (file: string, o: CommonOptions & { dataType: string }) => {
    if (o.dataType !== 'inhibition' && o.dataType !== 'viability')
      throw new ValidationError([
        { field: '--data-type', message: `'${o.dataType}' is not inhibition or viability` },
      ]);
    const output = unwrap(runSynergyAnalysis(readTextFile(file, 'combination'), { dataType: o.dataType }));
    await finish(ctx, output, { ...o, knowledge: false });
  });

  common(
    analyse
      .command('de <file>')
      .description(
        'differential expression between two groups: limma moderated t or Welch, BH FDR; voom for counts',
      )
      .option('--samples <file>', 'sample → group table')
      .option('--reference-group <group>', 'the reference (parental) group')
      .option('--method <method>', 'limma | welch', 'limma')
      .option('--counts', 'the table holds counts: voom transform first')
      .option('--alpha <q>', 'FDR threshold', numberOption('--alpha'), 0.05)
      .option(
        '--min-abs-log2fc <x>',
        'minimum |log2 fold change| to call a change',
        numberOption('--min-abs-log2fc'),
        1,
      ),
    true,
  ).action(
    async (
      file: string,
      o: CommonOptions & {
        samples?: string;
        referenceGroup?: string;
        method: string;
        counts?: boolean;
        alpha: number;
        minAbsLog2fc: number;
      },
    ) => {
      if (o.method !== 'limma' && o.method !== 'welch')
        throw new ValidationError([{ field: '--method', message: `'${o.method}' is not limma or welch` }]);
      const output = unwrap(
        runDifferentialExpression(readTextFile(file, 'expression'), {
          samples: o.samples ? readTextFile(o.samples, 'samples') : undefined,
          referenceGroup: o.referenceGroup,
          method: o.method,
          counts: Boolean(o.counts),
          alpha: o.alpha,
          minAbsLog2Fc: o.minAbsLog2fc,
        }),
      );
      await finish(ctx, output, o);
    },
  );
}
