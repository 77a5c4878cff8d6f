import type { Command } from 'commander';
import { loadResistanceModel, modelFormatOf } from '../../kb/index.js';
import { ValidationError } from '../../model/index.js';
import { withStore, type CliContext } from '../cli-context.js';
import { outputSink } from '../output-sink.js';

/** `miresist model export-resistance <out>`: the resistance model as the store's curation builds it, in any format. */
export function registerModelExportResistanceCommand(model: Command, ctx: CliContext): void {
  model
    .command('export-resistance')
    .description(
      'write the miResist resistance model (with the miRNA nodes the store generates) as .bnet, .sbml or .bnd',
    )
    .argument('<out>', 'output file; its ending picks the format')
    .action(async (out: string) => {
      const format = modelFormatOf(out);
      if (!format.format)
        throw new ValidationError([{ file: out, message: `${format.id} is an import-only format` }]);
      const resistance = await withStore(ctx, (store) => loadResistanceModel(store));
      const sink = outputSink(out);
      try {
        await sink.write(format.format(resistance.network));
        await sink.commit();
      } catch (error) {
        await sink.abort();
        throw error;
      }
      process.stderr.write(
        `wrote ${resistance.network.nodes.length} nodes (${resistance.mirnaNodes.size} miRNA nodes from curated targets) as ${format.id} to ${out}\n`,
      );
    });
}
