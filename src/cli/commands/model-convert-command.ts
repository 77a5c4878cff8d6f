/** `miresist model convert <in> <out>`: reads any registered model format and writes the one the output name asks for. */
import type { Command } from 'commander';
import { modelFormatOf, readModelFile } from '../../kb/index.js';
import { ValidationError } from '../../model/index.js';
import { MODEL_FORMATS } from '../../netsim/index.js';
import { outputSink } from '../output-sink.js';

export function registerModelConvertCommand(model: Command): void {
  const writable = MODEL_FORMATS.filter((f) => f.format).flatMap((f) => f.extensions);
  model
    .command('convert')
    .description(
      `convert a logical model between formats, chosen by file endings (reads ${MODEL_FORMATS.flatMap((f) => f.extensions).join(', ')}; writes ${writable.join(', ')})`,
    )
    .argument('<in>', 'model file to read')
    .argument('<out>', 'file to write; its ending picks the format')
    .action(async (input: string, output: string) => {
      const target = modelFormatOf(output);
      const format = target.format;
      if (!format)
        throw new ValidationError([
          { file: output, message: `${target.id} is import-only; write one of ${writable.join(', ')}` },
        ]);
      const net = await readModelFile(input);
      for (const note of net.notes ?? []) process.stderr.write(`${input}: note: ${note}\n`);
      const multiValued = net.nodes.filter((n) => n.maxLevel > 1);
      if (target.isBooleanOnly && multiValued.length)
        throw new ValidationError([
          {
            file: output,
            message:
              `${target.id} holds Boolean networks only; multi-valued nodes: ` +
              `${multiValued.map((n) => `${n.name} (0..${n.maxLevel})`).join(', ')}; write .sbml instead`,
          },
        ]);
      const stem = output.replace(/\.[^./]+$/, '');
      const files: [string, string][] = [
        [output, format(net)],
        ...Object.entries(target.companions?.(net) ?? {}).map(([ending, text]): [string, string] => [
          stem + ending,
          text,
        ]),
      ];
      for (const [path, text] of files) {
        const out = outputSink(path);
        try {
          await out.write(text);
          await out.commit();
        } catch (error) {
          await out.abort();
          throw error;
        }
      }
      process.stderr.write(
        `wrote ${net.nodes.length} nodes as ${target.id} to ${files.map(([p]) => p).join(' + ')}\n`,
      );
    });
}
