import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, toGraphml, toJson, toSif, toTsv, type ExportFormat } from '../../kb/index.js';
import { withStore, type CliContext } from '../cli-context.js';
import { outputSink } from '../output-sink.js';

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
      const out = outputSink(opts.out);
      try {
        for (const chunk of chunks) await out.write(chunk);
        await out.commit();
      } catch (error) {
        await out.abort();
        throw error;
      }
      if (opts.out) {
        process.stderr.write(`wrote ${statements.length} statements as ${opts.format} to ${opts.out}\n`);
      }
    });
}
