import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, toGraphml, toJson, toSif, toTsv, type ExportFormat } from '../../kb/index.js';
import { withStore, type CliContext } from '../cli-context.js';

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('export every curated statement with its evidence')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('tsv'))
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { format: ExportFormat; out?: string }) => {
      const [statements, sources] = await withStore(
        ctx,
        async (store) => [await store.statements({ statuses: ['curated'] }), await store.sources()] as const,
      );
      const chunks: Iterable<string> =
        opts.format === 'tsv'
          ? toTsv(statements)
          : opts.format === 'json'
            ? [toJson(statements, sources)]
            : opts.format === 'graphml'
              ? toGraphml(statements)
              : toSif(statements);
      const out = opts.out ? createWriteStream(opts.out) : process.stdout;
      for (const chunk of chunks) {
        if (!out.write(chunk)) await once(out, 'drain');
      }
      if (opts.out) {
        out.end();
        await once(out, 'finish');
        process.stderr.write(`wrote ${statements.length} statements as ${opts.format} to ${opts.out}\n`);
      }
    });
}
