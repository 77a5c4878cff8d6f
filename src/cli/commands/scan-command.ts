import { basename } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { readLines } from '../../kb/text-input.js';
import { outputSink } from '../output-sink.js';
import { parseFamilyInfo, parseUtrSequences } from '../../seq/targetscan-inputs.js';
import { availableParallelism } from 'node:os';
import { SITE_TYPES, TARGETSCAN_HEADER } from '../../seq/targetscan-scanner.js';
import { PLAIN_COLUMNS, PLAIN_SITE_TYPES } from '../../seq/plain-scan.js';
import { ValidationError } from '../../model/index.js';
import { plainMirnas, plainUtrs, runPlainScan } from '../scan/plain-scan-run.js';
import { parallelScan, type ParallelScanResult } from '../scan/parallel-scan.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('find canonical seed sites (8mer-1a, 7mer-m8, 7mer-1a, 6mer) with TargetScan 7 semantics')
    .option(
      '--families <file>',
      'TargetScan mode: miR_Family_info file (family, 7-nt seed, species ids); .gz accepted',
    )
    .option(
      '--mirna <names-or-fasta...>',
      'plain mode: miRNA names (any nomenclature; arm-unknown scans both arms) or mature FASTA files',
    )
    .requiredOption(
      '--utrs <file>',
      'TargetScan UTR_Sequences file (gene, species, aligned UTR) or, in plain mode, UTR FASTA; .gz accepted',
    )
    .addOption(
      new Option('--format <format>', 'targetscan (TargetScan mode); tsv or json (plain mode)').choices([
        'targetscan',
        'tsv',
        'json',
      ]),
    )
    .option('--species <id>', 'plain mode with a TargetScan UTR file: the species rows to scan', '9606')
    .option('--offset-6mer', 'plain mode: also report offset 6mer sites (seed nt 3–8)')
    .option('--out <file>', 'write here (atomically: no file is left on failure) instead of stdout')
    .option('--quiet', 'no progress bar or summary')
    .option('--threads <n>', 'worker threads', String(availableParallelism()))
    .action(async (opts: ScanOptions) => {
      if (opts.mirna) return plainMode(opts);
      if (!opts.families) {
        throw new ValidationError([
          { field: '--families', message: 'give --families (TargetScan mode) or --mirna (plain mode)' },
        ]);
      }
      if (opts.format && opts.format !== 'targetscan') {
        throw new ValidationError([
          {
            field: '--format',
            message: 'TargetScan mode writes targetscan; tsv and json are for plain mode (--mirna)',
          },
        ]);
      }
      const started = performance.now();
      const familySource = readLines(opts.families);
      const families = parseFamilyInfo(await collect(familySource.lines), opts.families);
      const source = readLines(opts.utrs);
      const output = outputSink(opts.out);
      const write = (text: string) => output.write(text);
      const showProgress = !opts.quiet && Boolean(process.stderr.isTTY);
      const bar = new SingleBar(
        {
          format: `scan ${basename(opts.utrs)} [{bar}] {percentage}% · {genes} genes · {sites} sites`,
          stream: process.stderr,
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      if (showProgress) bar.start(source.size, 0, { genes: 0, sites: 0 });
      let summary: ParallelScanResult | undefined;
      try {
        await write(TARGETSCAN_HEADER + '\n');
        summary = await parallelScan(families, parseUtrSequences(source.lines, opts.utrs), write, {
          threads: Number(opts.threads),
          onProgress: (genes, sites) =>
            showProgress ? bar.update(source.bytesRead(), { genes, sites }) : undefined,
        });
        await output.commit();
      } catch (error) {
        await output.abort();
        throw error;
      } finally {
        if (showProgress) {
          bar.update(source.size);
          bar.stop();
        }
      }
      const { genes, nt, sites, byType } = summary;
      if (!opts.quiet) {
        const seconds = (performance.now() - started) / 1000;
        const types = Object.values(SITE_TYPES)
          .map((t) => `${t.name} ${byType[t.name] ?? 0}`)
          .join(', ');
        process.stderr.write(
          `scanned ${genes} genes (${nt.toLocaleString()} nt) × ${families.length} families in ${seconds.toFixed(2)} s: ${sites} sites (${types}); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB${opts.out ? ` → ${opts.out}` : ''}\n`,
        );
      }
    });
}

interface ScanOptions {
  families?: string;
  mirna?: string[];
  utrs: string;
  format?: 'targetscan' | 'tsv' | 'json';
  species: string;
  offset6mer?: boolean;
  out?: string;
  quiet?: boolean;
  threads: string;
}

async function plainMode(opts: ScanOptions): Promise<void> {
  if (opts.families)
    throw new ValidationError([{ field: '--families', message: 'use either --families or --mirna' }]);
  const format = opts.format ?? 'tsv';
  if (format === 'targetscan')
    throw new ValidationError([{ field: '--format', message: 'plain mode writes tsv or json' }]);
  const started = performance.now();
  const mirnas = await plainMirnas(opts.mirna!);
  const output = outputSink(opts.out);
  const write = (text: string) => output.write(text);
  let first = true;
  try {
    await write(format === 'json' ? '[\n' : PLAIN_COLUMNS.join('\t') + '\n');
    const summary = await runPlainScan(
      mirnas,
      plainUtrs(opts.utrs, opts.species),
      async (sites) => {
        if (!sites.length) return;
        if (format === 'json') {
          await write(sites.map((s) => (first ? '' : ',\n') + JSON.stringify(s, null, 0)).join(''));
          first = false;
        } else {
          await write(
            sites
              .map((s) => [s.mirna, s.seed, s.utr, s.siteType, s.start, s.end, s.site].join('\t'))
              .join('\n') + '\n',
          );
        }
      },
      { offset6mer: Boolean(opts.offset6mer) },
    );
    if (format === 'json') await write('\n]\n');
    await output.commit();
    if (!opts.quiet) {
      const types = PLAIN_SITE_TYPES.filter((t) => t !== 'offset-6mer' || opts.offset6mer)
        .map((t) => `${t} ${summary.byType[t] ?? 0}`)
        .join(', ');
      process.stderr.write(
        `scanned ${summary.utrs} UTRs (${summary.nt.toLocaleString()} nt) × ${mirnas.length} miRNAs (${mirnas
          .map((m) => m.name)
          .slice(0, 5)
          .join(
            ', ',
          )}${mirnas.length > 5 ? ', …' : ''}) in ${((performance.now() - started) / 1000).toFixed(2)} s: ${types}\n`,
      );
    }
  } catch (error) {
    await output.abort();
    throw error;
  }
}
