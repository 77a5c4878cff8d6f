import { basename } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { AtomicOutput, readLines } from '../../kb/text-input.js';
import { parseFamilyInfo, parseUtrSequences } from '../../seq/targetscan-inputs.js';
import { availableParallelism } from 'node:os';
import { SITE_TYPES, TARGETSCAN_HEADER } from '../../seq/targetscan-scanner.js';
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
    .requiredOption(
      '--families <file>',
      'TargetScan miR_Family_info file (family, 7-nt seed, species ids); .gz accepted',
    )
    .requiredOption(
      '--utrs <file>',
      'TargetScan UTR_Sequences file (gene, species, aligned UTR); .gz accepted',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['targetscan']).default('targetscan'))
    .option('--out <file>', 'write here (atomically: no file is left on failure) instead of stdout')
    .option('--quiet', 'no progress bar or summary')
    .option('--threads <n>', 'worker threads', String(availableParallelism()))
    .action(
      async (opts: { families: string; utrs: string; out?: string; quiet?: boolean; threads: string }) => {
        const started = performance.now();
        const familySource = readLines(opts.families);
        const families = parseFamilyInfo(await collect(familySource.lines), opts.families);
        const source = readLines(opts.utrs);
        const output = opts.out ? new AtomicOutput(opts.out) : undefined;
        const write = async (text: string) => {
          if (output) await output.write(text);
          else if (!process.stdout.write(text))
            await new Promise((resolve) => process.stdout.once('drain', resolve));
        };
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
          await output?.commit();
        } catch (error) {
          await output?.abort();
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
      },
    );
}
