import { Presets, SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import {
  PROPOSAL_STATUSES,
  loadReader,
  loadReaderFiles,
  loadReferenceNames,
  mirnaEntity,
  proposalsToTsv,
  readDocuments,
  resolveProposalChanges,
  type KnowledgeStore,
  type MergeTarget,
  type ProposalEdit,
  type ProposalStatus,
  type QueuedProposal,
} from '../../kb/index.js';
import { Predicate, ValidationError, formatContext } from '../../model/index.js';
import { withStore, type CliContext } from '../cli-context.js';
import { emit, statementLine } from '../output.js';
import { outputSink } from '../output-sink.js';

const READ_FORMATS = ['text', 'tsv', 'json'] as const;

const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;

/** `#1–#3, #7`: ids as ranges. */
function idRanges(ids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length;) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    parts.push(j > i ? `#${ids[i]}–#${ids[j]}` : `#${ids[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Proposal ids as typed (`12` or `#12`). */
function parseIds(args: string[]): number[] {
  const bad = args.filter((a) => !/^#?\d+$/.test(a.trim()) || Number(a.trim().replace('#', '')) < 1);
  if (bad.length)
    throw new ValidationError(
      bad.map((a) => ({
        field: 'id',
        message: `'${a}' is not a proposal id (see \`miresist curate list\`)`,
      })),
    );
  return args.map((a) => Number(a.trim().replace('#', '')));
}

/** The sentence with the subject as `[…]` and the object as `{…}` where they can be found. */
function markedSentence(p: QueuedProposal): string {
  const find = (text: string) => (text ? p.quote.indexOf(text.replace(/\s+/g, ' ').trim()) : -1);
  const marks = [
    {
      at: find(p.subject_text),
      length: p.subject_text.replace(/\s+/g, ' ').trim().length,
      open: '[',
      close: ']',
    },
    {
      at: find(p.object_text),
      length: p.object_text.replace(/\s+/g, ' ').trim().length,
      open: '{',
      close: '}',
    },
  ]
    .filter((m) => m.at >= 0 && m.length > 0)
    .sort((a, b) => a.at - b.at);
  if (marks.length === 2 && marks[0]!.at + marks[0]!.length > marks[1]!.at) marks.pop();
  let out = p.quote;
  for (const m of [...marks].reverse())
    out =
      out.slice(0, m.at) + m.open + out.slice(m.at, m.at + m.length) + m.close + out.slice(m.at + m.length);
  return out;
}

function reviewLine(p: QueuedProposal): string | undefined {
  if (p.status === 'pending') return undefined;
  const by = `${p.status} by ${p.reviewed_by ?? 'unknown'} at ${p.reviewed_at ?? '?'}`;
  return p.status === 'accepted'
    ? `${by} → statement ${p.statement_id}`
    : `${by}${p.review_note ? `: ${p.review_note}` : ''}`;
}

function mergeLine(target: MergeTarget, status: ProposalStatus): string {
  if (status === 'accepted')
    return `statement ${target.statement_id} (${plural(target.evidence, 'piece')} of evidence)`;
  if (!target.exists) return `statement ${target.statement_id}: new — accepting makes it a curated statement`;
  if (target.hasQuote)
    return `statement ${target.statement_id}: exists with this quote — accepting adds no evidence, only the review`;
  return `statement ${target.statement_id}: exists (${target.status}, ${plural(target.evidence, 'piece')} of evidence) — accepting adds this quote as extra evidence`;
}

function showLines(p: QueuedProposal, target: MergeTarget): string[] {
  const review = reviewLine(p);
  return [
    `proposal #${p.id} · ${p.status} · read from ${p.file} at ${p.created_at}`,
    `  ${statementLine(p)}`,
    `  sentence: ${markedSentence(p)}`,
    `            ([subject] {object})`,
    `  trigger: ${p.trigger}`,
    `  subject: ${p.subject_text} → ${p.subject.kind} ${p.subject.id}`,
    `  object: ${p.object_text} → ${p.object.kind} ${p.object.id}`,
    ...(p.therapy && p.therapy !== p.object.id ? [`  therapy: ${p.therapy}`] : []),
    ...(p.contexts.length ? [`  context: ${p.contexts.map(formatContext).join(' | ')}`] : []),
    `  source: ${p.source.id}${p.source.title !== p.source.id ? ` “${p.source.title}”` : ''}, section ${p.section}, characters ${p.start}–${p.end}`,
    `  ${mergeLine(target, p.status)}`,
    ...(review ? [`  ${review}`] : []),
  ];
}

function listLines(proposals: QueuedProposal[]): string[] {
  const width = Math.max(...proposals.map((p) => String(p.id).length)) + 1;
  return proposals.flatMap((p) => [
    `${`#${p.id}`.padEnd(width)}  ${p.status.padEnd(8)}  ${statementLine(p)}  — ${p.source_id}, ${p.section}`,
    `      “${p.quote}”`,
  ]);
}

async function showProposal(store: KnowledgeStore, id: number) {
  const proposal = await store.proposal(id);
  if (!proposal)
    throw new ValidationError([
      { field: 'id', message: `no proposal #${id} in the queue (see \`miresist curate list --status all\`)` },
    ]);
  return { proposal, statement: await store.proposalMergeTarget(proposal) };
}

export function registerReadCommands(program: Command, ctx: CliContext): void {
  program
    .command('read')
    .description(
      'read papers (plain text with an optional `key: value` header, PubMed MEDLINE or PubMed XML) and queue the statements they propose for curation',
    )
    .argument('<files...>', 'input files; all are checked before anything is queued')
    .option('--dry-run', 'print the proposed statements instead of queueing them (the store is not touched)')
    .addOption(
      new Option('--format <format>', 'output: text, tsv (with --dry-run; the export columns) or json')
        .choices([...READ_FORMATS])
        .default('text'),
    )
    .option('--json', 'same as --format json')
    .action(
      async (
        paths: string[],
        opts: { dryRun?: boolean; format: (typeof READ_FORMATS)[number]; json?: boolean },
      ) => {
        const format = opts.json ? 'json' : opts.format;
        if (format === 'tsv' && !opts.dryRun)
          throw new ValidationError([
            {
              field: '--format',
              message: 'tsv prints proposals: use it with --dry-run (queued proposals: miresist curate list)',
            },
          ]);
        const loaded = loadReaderFiles(paths);
        if (!loaded.ok) throw new ValidationError(loaded.issues);
        const files = loaded.value;
        const total = files.reduce((n, f) => n + f.documents.length, 0);
        const read = () => {
          const reader = loadReader();
          const bar = new SingleBar(
            { format: 'read [{bar}] {value}/{total} documents', hideCursor: true, stream: process.stderr },
            Presets.shades_classic,
          );
          const interactive = Boolean(process.stderr.isTTY) && total > 1;
          if (interactive) bar.start(total, 0);
          try {
            return readDocuments(reader, files, (done) => (interactive ? bar.update(done) : undefined));
          } finally {
            if (interactive) bar.stop();
          }
        };
        const counts = (report: ReturnType<typeof read>) => ({
          files: files.length,
          documents: report.documents,
          sentences: report.sentences,
        });
        if (opts.dryRun) {
          const report = read();
          const proposals = report.batches.flatMap((b) =>
            b.result.statements.map((s) => ({ ...s, file: b.file })),
          );
          if (format === 'tsv') {
            const out = outputSink();
            for (const line of proposalsToTsv(proposals)) await out.write(line);
            return;
          }
          emit(
            format === 'json',
            {
              dryRun: true,
              ...counts(report),
              sources: report.batches.map((b) => b.result.source),
              proposals,
            },
            () => [
              `${plural(proposals.length, 'proposed statement')} in ${plural(report.documents, 'document')} (${plural(report.sentences, 'sentence')}); dry run: nothing queued`,
              ...proposals.flatMap((p) => [
                `  ${statementLine(p)}`,
                `      “${p.quote}”`,
                `      — ${p.source_id}, ${p.section}, characters ${p.start}–${p.end} · trigger: ${p.trigger}`,
              ]),
            ],
          );
          return;
        }
        const { report, added } = await withStore(ctx, async (store) => {
          const report = read();
          return { report, added: await store.addProposals(report.batches) };
        });
        const proposed = report.batches.reduce((n, b) => n + b.result.statements.length, 0);
        emit(format === 'json', { dryRun: false, ...counts(report), proposed, ...added }, () => [
          `read ${plural(report.documents, 'document')} (${plural(report.sentences, 'sentence')}) from ${plural(files.length, 'file')}: ${plural(proposed, 'proposed statement')}`,
          `  ${added.added} queued${added.ids.length ? ` (${idRanges(added.ids)})` : ''}; ${added.duplicates} already in the queue; ${added.alreadyCurated} already curated with the same quote`,
          ...(added.added ? ['  review them: miresist curate list'] : []),
        ]);
      },
    );

  const curate = program
    .command('curate')
    .description("review the reader's proposals: list, show, accept, reject, edit");
  curate
    .command('list')
    .description('queued proposals (pending unless --status says otherwise)')
    .addOption(
      new Option('--status <status>', 'which proposals')
        .choices([...PROPOSAL_STATUSES, 'all'])
        .default('pending'),
    )
    .option('--source <id>', 'only proposals from this source (e.g. PMID:12345678)')
    .addOption(new Option('--predicate <predicate>', 'only this predicate').choices([...Predicate.options]))
    .option('--limit <n>', 'at most n proposals')
    .option('--json', 'JSON output')
    .action(
      async (opts: {
        status: ProposalStatus | 'all';
        source?: string;
        predicate?: Predicate;
        limit?: string;
        json?: boolean;
      }) => {
        const limit = opts.limit === undefined ? undefined : Number(opts.limit);
        if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
          throw new ValidationError([
            { field: '--limit', message: `'${opts.limit}' is not a positive whole number` },
          ]);
        const proposals = await withStore(ctx, (store) =>
          store.proposals({
            ...(opts.status !== 'all' ? { status: opts.status } : {}),
            ...(opts.source ? { source: opts.source } : {}),
            ...(opts.predicate ? { predicate: opts.predicate } : {}),
            ...(limit ? { limit } : {}),
          }),
        );
        emit(Boolean(opts.json), { status: opts.status, count: proposals.length, proposals }, () =>
          proposals.length
            ? listLines(proposals)
            : [
                `no ${opts.status === 'all' ? '' : `${opts.status} `}proposals (miresist read <files…> adds some)`,
              ],
        );
      },
    );
  curate
    .command('show')
    .description(
      'one proposal: its sentence with subject and object marked, trigger, source, offsets, and the statement it would merge into',
    )
    .argument('<id>', 'proposal id')
    .option('--json', 'JSON output')
    .action(async (id: string, opts: { json?: boolean }) => {
      const [n] = parseIds([id]);
      const shown = await withStore(ctx, (store) => showProposal(store, n!));
      emit(Boolean(opts.json), shown, () => showLines(shown.proposal, shown.statement));
    });
  curate
    .command('accept')
    .description(
      'accept proposals (all or none): each becomes a curated statement, or extra evidence of the identical statement',
    )
    .argument('<ids...>', 'proposal ids')
    .option('--curator <name>', 'who accepts (default: $MIRESIST_CURATOR, else your login name)')
    .option('--json', 'JSON output')
    .action(async (ids: string[], opts: { curator?: string; json?: boolean }) => {
      const curator = curatorName(opts.curator, ctx);
      const at = new Date().toISOString();
      const numbers = parseIds(ids);
      let names: ReturnType<typeof loadReferenceNames> | undefined;
      const accepted = await withStore(ctx, (store) =>
        store.acceptProposals(
          numbers,
          { curator, at },
          {
            mirnaEntity: (name) => mirnaEntity((names ??= loadReferenceNames()), name),
          },
        ),
      );
      emit(Boolean(opts.json), { curator, at, accepted }, () =>
        accepted.map(
          (a) =>
            `accepted #${a.id} → ${
              !a.merged
                ? `new curated statement ${a.statement_id}`
                : a.evidenceAdded
                  ? `extra evidence of statement ${a.statement_id}`
                  : `statement ${a.statement_id} (already had this quote)`
            } (curator ${curator})`,
        ),
      );
    });
  curate
    .command('reject')
    .description('reject proposals (all or none), with an optional reason')
    .argument('<ids...>', 'proposal ids')
    .option('--curator <name>', 'who rejects (default: $MIRESIST_CURATOR, else your login name)')
    .option('--reason <text>', 'why (kept with the proposal)')
    .option('--json', 'JSON output')
    .action(async (ids: string[], opts: { curator?: string; reason?: string; json?: boolean }) => {
      const curator = curatorName(opts.curator, ctx);
      const at = new Date().toISOString();
      const numbers = parseIds(ids);
      const rejected = await withStore(ctx, (store) =>
        store.rejectProposals(numbers, { curator, at, ...(opts.reason ? { reason: opts.reason } : {}) }),
      );
      emit(
        Boolean(opts.json),
        { curator, at, rejected, ...(opts.reason ? { reason: opts.reason } : {}) },
        () => [
          `rejected ${idRanges(rejected)} (curator ${curator}${opts.reason ? `; reason: ${opts.reason}` : ''})`,
        ],
      );
    });
  curate
    .command('edit')
    .description('correct a pending proposal before accepting it; names resolve as in curation files')
    .argument('<id>', 'proposal id')
    .option('--subject <name>', 'the subject (miRNA, or gene for expression predicates)')
    .option('--predicate <predicate>', `one of ${Predicate.options.join(', ')}`)
    .option('--object <name>', 'the object (gene, therapy or pathway:NAME, as the predicate takes)')
    .option('--therapy <name>', "the therapy a non-therapy claim is stated for ('' clears it)")
    .option(
      '--context <k=v;…>',
      "contexts, `|` between several (cell_line=BT-474;subtype=her2-positive); '' clears",
    )
    .option('--qualifiers <k=v;…>', "qualifiers (mode=direct;inverted=inhibitor); '' clears")
    .option('--json', 'JSON output')
    .action(async (id: string, opts: ProposalEdit & { json?: boolean }) => {
      const [n] = parseIds([id]);
      const { json, ...edit } = opts;
      const shown = await withStore(ctx, async (store) => {
        const current = (await showProposal(store, n!)).proposal;
        const changes = resolveProposalChanges(loadReferenceNames(), current, edit);
        if (!changes.ok) throw new ValidationError(changes.issues);
        await store.editProposal(n!, changes.value);
        return showProposal(store, n!);
      });
      emit(Boolean(json), shown, () => showLines(shown.proposal, shown.statement));
    });
}

function curatorName(flag: string | undefined, ctx: CliContext): string {
  const name = (flag ?? ctx.defaultCurator()).trim();
  if (!name) throw new ValidationError([{ field: '--curator', message: 'a curator name is required' }]);
  return name;
}
