import { Option, type Command } from 'commander';
import { loadReferenceNames } from '../../kb/index.js';
import { emit } from '../output.js';

export function registerResolveCommand(program: Command): void {
  program
    .command('resolve')
    .description(
      'show how a name resolves (miRNA lists and clusters expand; genes; therapies) without a store',
    )
    .argument('<name...>')
    .addOption(
      new Option('--kind <kind>', 'what the name is').choices(['mirna', 'gene', 'therapy']).default('mirna'),
    )
    .option('--json', 'JSON output')
    .action((words: string[], opts: { kind: 'mirna' | 'gene' | 'therapy'; json?: boolean }) => {
      const names = loadReferenceNames();
      const text = words.join(' ');
      if (opts.kind === 'mirna') {
        const mentions = names.mirnaMentions.resolveAll(text);
        emit(Boolean(opts.json), mentions, () =>
          mentions.map(({ text: piece, resolution: r }) =>
            r.status === 'resolved'
              ? `${piece} → ${r.mirna.name} [${r.mirna.kind.replace('_', ' ')}; written as ${r.form}; ${r.via}]` +
                `${r.mirna.kind !== 'mature' ? ` covers ${r.mirna.members.join(', ')}` : ''}${r.notes.length ? `\n    note: ${r.notes.join('; ')}` : ''}` +
                `${Object.keys(r.modifiers).length ? `\n    modifiers: ${JSON.stringify(r.modifiers)}` : ''}`
              : `${piece} → ${r.status}: ${r.reason}${r.candidates.length ? `\n    closest: ${r.candidates.join(', ')}` : ''}`,
          ),
        );
      } else {
        const r = opts.kind === 'gene' ? names.gene.resolve(text) : names.therapy.resolve(text);
        emit(Boolean(opts.json), r, () => [
          r.status === 'resolved'
            ? 'gene' in r
              ? `${text} → ${r.genes.map((g) => g.symbol).join(', ')} (${r.via})`
              : `${text} → ${r.therapy.name} [${r.therapy.kind}, ${r.therapy.class}] (${r.via})`
            : `${text} → ${r.status}: ${r.reason}${r.candidates.length ? `; closest: ${r.candidates.join(', ')}` : ''}`,
        ]);
      }
    });
}
