import type { Command } from 'commander';
import {
  geneReport,
  loadReferenceNames,
  mirnaReport,
  searchKnowledge,
  therapyReport,
  type MirnaReport,
  type MirnaRole,
} from '../../kb/index.js';
import { evidenceLines, emit, statementBlock, statementLine } from '../output.js';
import { withStore, type CliContext } from '../cli-context.js';

const joined = (words: string[]): string => words.join(' ');

function roleBlock(title: string, roles: MirnaRole[]): string[] {
  const lines = [`${title} (${roles.length} miRNAs)`];
  if (!roles.length) lines.push('  none curated');
  for (const role of roles) {
    lines.push(`  ● ${role.mirna}`);
    for (const s of role.statements) lines.push(`    • ${statementLine(s)}`, ...evidenceLines(s, '        '));
    for (const m of role.mechanisms)
      lines.push(`    ↳ mechanism: ${statementLine(m)}`, ...evidenceLines(m, '        '));
    if (role.otherTargets.length) {
      lines.push(
        `    ↳ other curated targets: ${[...new Set(role.otherTargets.map((t) => t.object.id))].join(', ')}`,
      );
    }
  }
  return lines;
}

/** For each curated target: whether the loaded UTRs hold a canonical site of this miRNA (predicted, not curated). */
function siteLines(report: MirnaReport): string[] {
  const genes = Object.keys(report.siteEvidence);
  if (!genes.length) return [];
  if (!report.utrSources.length)
    return ['  (seed-site check: no UTRs loaded — miresist kb load-utrs <file>)'];
  return [
    `  Seed sites in the loaded UTRs (${report.utrSources.join(', ')}), predicted:`,
    ...genes.map((gene) => {
      const sites = report.siteEvidence[gene]!;
      return sites.length
        ? `    ${gene}: ${sites.map((s) => `${s.mirna.replace(/^hsa-/, '')} ${s.site_type} ${s.utr_start}–${s.utr_end}`).join('; ')}`
        : `    ${gene}: no canonical site`;
    }),
  ];
}

export function registerQueryCommands(program: Command, ctx: CliContext): void {
  program
    .command('mirna')
    .description(
      'a miRNA by any name: identity, targets, therapy roles, expression changes, biomarker roles — each with its quote',
    )
    .argument('<name...>', 'e.g. miR-21, hsa-miR-770-5p, microRNA-221, MIR21, miR-21*')
    .option('--json', 'JSON output')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const report = await withStore(ctx, (store) => mirnaReport(store, loadReferenceNames(), joined(words)));
      const m = report.mirna;
      emit(Boolean(opts.json), report, () => [
        `${m.name}  [${m.kind.replace('_', ' ')}]${m.accession ? `  ${m.accession}` : ''}`,
        ...(m.sequence ? [`  sequence ${m.sequence}`, `  seed (nt 2–8) ${m.seed}`] : []),
        ...(m.kind !== 'mature' ? [`  covers ${m.members.join(', ')}`] : []),
        `  precursors ${m.precursors.join(', ') || '—'}${m.family ? `  · family ${m.family}` : ''}`,
        ...report.resolution.notes.map((n) => `  note: ${n}`),
        ...(report.related.length ? [`  also includes statements about: ${report.related.join(', ')}`] : []),
        '',
        ...statementBlock('Targets', report.targets),
        ...siteLines(report),
        '',
        ...statementBlock('Confers resistance to', report.resistance),
        '',
        ...statementBlock('Sensitises to', report.sensitisation),
        '',
        ...statementBlock('Expression in resistant vs sensitive', report.expression),
        '',
        ...statementBlock('Biomarker roles', report.biomarker),
        ...(report.other.length ? ['', ...statementBlock('Other', report.other)] : []),
      ]);
    });

  program
    .command('therapy')
    .description(
      'miRNAs that confer resistance or sensitise to a therapy or class, with mechanisms (targets), contexts and quotes',
    )
    .argument('<name...>', 'e.g. tamoxifen, TAM, 5-FU, Herceptin, anthracyclines, "endocrine therapy"')
    .option('--json', 'JSON output')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const report = await withStore(ctx, (store) =>
        therapyReport(store, loadReferenceNames(), joined(words)),
      );
      const t = report.therapy;
      emit(Boolean(opts.json), report, () => [
        `${t.name}  [${t.kind}, ${t.class}]${report.classes.length ? `  ⊂ ${report.classes.join(' ⊂ ')}` : ''}`,
        ...(t.synonyms.length ? [`  synonyms: ${t.synonyms.join(', ')}`] : []),
        ...(report.covered.length > 1 ? [`  includes: ${report.covered.slice(1).join(', ')}`] : []),
        '',
        ...roleBlock('Confer resistance', report.resistance),
        '',
        ...roleBlock('Sensitise', report.sensitisation),
        '',
        ...roleBlock('Expression in resistant vs sensitive', report.expression),
        '',
        ...roleBlock('Biomarkers of response', report.biomarker),
        ...(report.drugTargets.length ? ['', ...statementBlock('Drug targets', report.drugTargets)] : []),
        ...(report.classStatements.length
          ? [
              '',
              ...statementBlock(`Said of its classes (${report.classes.join(', ')})`, report.classStatements),
            ]
          : []),
      ]);
    });

  program
    .command('gene')
    .description(
      'a gene by symbol, alias or protein name: the miRNAs that target it and the therapies involved',
    )
    .argument('<name...>', 'e.g. PTEN, ERα, HER2, P-gp, survivin, p27Kip1')
    .option('--json', 'JSON output')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const report = await withStore(ctx, (store) => geneReport(store, loadReferenceNames(), joined(words)));
      const g = report.gene;
      const therapies = [
        ...new Set(report.therapyRoles.map((s) => `${s.object.id} (${s.subject.id} ${s.predicate})`)),
      ];
      emit(Boolean(opts.json), report, () => [
        `${g.symbol}  ${g.name}  · Entrez ${g.entrez_id}${report.via !== 'symbol' ? `  (resolved from '${report.query}')` : ''}`,
        ...(g.aliases.length ? [`  aliases: ${g.aliases.join(', ')}`] : []),
        '',
        ...statementBlock('Targeted by', report.targetedBy),
        '',
        `Therapy roles of those miRNAs (${therapies.length})`,
        ...(therapies.length ? therapies.map((t) => `  • ${t}`) : ['  none curated']),
        ...(report.therapies.length
          ? ['', ...statementBlock('Therapies acting on it', report.therapies)]
          : []),
        ...(report.signalling.length ? ['', ...statementBlock('Signalling', report.signalling)] : []),
        ...(report.expression.length
          ? ['', ...statementBlock('Expression in resistance', report.expression)]
          : []),
      ]);
    });

  program
    .command('search')
    .description('search names, aliases and evidence text')
    .argument('<text...>')
    .option('--limit <n>', 'most hits', '20')
    .option('--json', 'JSON output')
    .action(async (words: string[], opts: { limit: string; json?: boolean }) => {
      const text = joined(words);
      const hits = await withStore(ctx, (store) =>
        searchKnowledge(store, loadReferenceNames(), text, Number(opts.limit)),
      );
      emit(Boolean(opts.json), hits, () =>
        hits.length
          ? hits.map((h) => `${h.kind.padEnd(8)} ${h.id}${h.label !== h.id ? `  — ${h.label}` : ''}`)
          : [`no match for '${text}'`],
      );
    });
}
