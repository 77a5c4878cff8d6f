/** Lab-data analyses over HTTP: a multipart upload (the file and option fields) → tables, SVG figures, warnings. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analysisDocument, linkChangesToKnowledge } from '../kb/index.js';
import { decodeTextBytes } from '../kb/text-input.js';
import { ValidationError, type Result } from '../model/index.js';
import type { AnalysisOutput, TidyTable as StatsTable } from '../stats/analysis-output.js';
import { runDifferentialExpression } from '../stats/differential-expression/index.js';
import { runDoseResponseAnalysis } from '../stats/dose-response/index.js';
import { runQpcrAnalysis, runReferenceStability } from '../stats/qpcr/index.js';
import { runRtcaAnalysis } from '../stats/rtca/index.js';
import { runSynergyAnalysis } from '../stats/synergy/index.js';
import type { ApiContext } from './api-context.js';
import { AnalysisParam, AnalysisResponse, Problem, type AnalysisKind, type TidyTable } from './contract.js';
import { HttpProblem } from './problems.js';

/** The file parts an analysis reads: the data, and optional companion tables. */
const FILE_PARTS = ['file', 'sampleMap', 'standardCurve', 'layout', 'samples'] as const;
type FilePart = (typeof FILE_PARTS)[number];
interface Upload {
  files: Partial<Record<FilePart, { bytes: Buffer; name: string }>>;
  fields: Record<string, string>;
}

const optionalNumber = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : Number(v)),
  z.number().finite().optional(),
);
const flag = z.preprocess((v) => v === 'true' || v === 'on' || v === '1', z.boolean());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional());
const range = z.preprocess(
  (v) => (typeof v === 'string' && v !== '' ? v.split(/[,:]/).map((x) => Number(x.trim())) : undefined),
  z
    .tuple([z.number().finite(), z.number().finite()])
    .refine(([a, b]) => a < b, 'a range A,B with A < B')
    .optional(),
);

/** Option fields of each analysis, as the CLI's options (`miresist analyse <kind> --help`). */
export const ANALYSIS_OPTIONS = {
  qpcr: z.object({
    reference: z
      .string({ error: 'name at least one reference target (comma-separated)' })
      .min(1, 'name at least one reference target (comma-separated)'),
    calibrator: optionalText,
    method: z.enum(['livak', 'pfaffl']).default('livak'),
    format: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['long', 'cfx', 'quantstudio', 'rdml']).optional(),
    ),
    error: z.enum(['separate-tube', 'same-tube']).default('separate-tube'),
    ctCutoff: optionalNumber,
    maxReplicateSd: optionalNumber,
    minReplicates: optionalNumber,
    alpha: optionalNumber,
    student: flag.default(false),
    therapy: optionalText,
  }),
  'reference-genes': z.object({}),
  rtca: z.object({
    baseTime: optionalNumber,
    window: range,
    treatmentTime: optionalNumber,
    referenceGroup: optionalText,
  }),
  'dose-response': z.object({ referenceGroup: optionalText }),
  synergy: z.object({ dataType: z.enum(['inhibition', 'viability']).default('inhibition') }),
  de: z.object({
    referenceGroup: optionalText,
    method: z.enum(['limma', 'welch']).default('limma'),
    counts: flag.default(false),
    alpha: optionalNumber,
    minAbsLog2Fc: optionalNumber,
    therapy: optionalText,
  }),
} satisfies Record<AnalysisKind, z.ZodType>;

async function readUpload(request: FastifyRequest, limit: number): Promise<Upload> {
  if (!request.isMultipart())
    throw new HttpProblem(
      415,
      'Unsupported media type',
      'send multipart/form-data with the data file in `file`',
    );
  const upload: Upload = { files: {}, fields: {} };
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!(FILE_PARTS as readonly string[]).includes(part.fieldname))
        throw new HttpProblem(
          400,
          'Bad request',
          `unknown file part '${part.fieldname}'; expected ${FILE_PARTS.join(', ')}`,
        );
      const bytes = await part.toBuffer();
      // the limit holds for all files of a request together, not for each
      total += bytes.length;
      if (total > limit)
        throw new HttpProblem(413, 'Payload too large', `the upload exceeds ${limit} bytes in all`);
      upload.files[part.fieldname as FilePart] = {
        bytes,
        name: part.filename || part.fieldname,
      };
    } else {
      upload.fields[part.fieldname] = String(part.value);
    }
  }
  return upload;
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new ValidationError(result.issues);
  return result.value;
}

/** Runs one analysis on an upload (the same stats cores as `miresist analyse`). */
export function runUploadedAnalysis(
  kind: AnalysisKind,
  upload: Upload,
): { output: AnalysisOutput; therapy?: string } {
  const file = upload.files.file;
  if (!file)
    throw new ValidationError([{ field: 'file', message: 'upload the data file in the `file` part' }]);
  const text = (part: FilePart, what: string) => {
    const f = upload.files[part];
    return f ? decodeTextBytes(f.bytes, f.name, what) : undefined;
  };
  const parsed = ANALYSIS_OPTIONS[kind].safeParse(upload.fields);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'options', message: i.message })),
    );
  switch (kind) {
    case 'qpcr': {
      const o = parsed.data as z.output<(typeof ANALYSIS_OPTIONS)['qpcr']>;
      const rdml = o.format === 'rdml' || /\.rdml$/i.test(file.name);
      const output = unwrap(
        runQpcrAnalysis(
          {
            data: rdml
              ? { text: '', bytes: new Uint8Array(file.bytes), file: file.name }
              : text('file', 'qPCR')!,
            sampleMap: text('sampleMap', 'sample map'),
            standardCurve: text('standardCurve', 'standard curve'),
            format: o.format,
          },
          {
            references: o.reference
              .split(',')
              .map((r) => r.trim())
              .filter(Boolean),
            calibrator: o.calibrator,
            method: o.method,
            errorMode: o.error,
            ctCutoff: o.ctCutoff,
            maxReplicateSd: o.maxReplicateSd,
            minReplicates: o.minReplicates,
            alpha: o.alpha,
            equalVariance: o.student,
          },
        ),
      );
      return { output, therapy: o.therapy };
    }
    case 'reference-genes':
      return { output: unwrap(runReferenceStability(text('file', 'reference candidates')!, {})) };
    case 'rtca': {
      const o = parsed.data as z.output<(typeof ANALYSIS_OPTIONS)['rtca']>;
      return {
        output: unwrap(
          runRtcaAnalysis(text('file', 'cell-index')!, {
            layout: text('layout', 'layout'),
            baseTime: o.baseTime,
            window: o.window,
            treatmentTime: o.treatmentTime,
            referenceGroup: o.referenceGroup,
          }),
        ),
      };
    }
    case 'dose-response': {
      const o = parsed.data as z.output<(typeof ANALYSIS_OPTIONS)['dose-response']>;
      return {
        output: unwrap(
          runDoseResponseAnalysis(text('file', 'dose–response')!, { referenceGroup: o.referenceGroup }),
        ),
      };
    }
    case 'synergy': {
      const o = parsed.data as z.output<(typeof ANALYSIS_OPTIONS)['synergy']>;
      return { output: unwrap(runSynergyAnalysis(text('file', 'combination')!, { dataType: o.dataType })) };
    }
    case 'de': {
      const o = parsed.data as z.output<(typeof ANALYSIS_OPTIONS)['de']>;
      const output = unwrap(
        runDifferentialExpression(text('file', 'expression')!, {
          samples: text('samples', 'samples'),
          referenceGroup: o.referenceGroup,
          method: o.method,
          counts: o.counts,
          alpha: o.alpha ?? 0.05,
          minAbsLog2Fc: o.minAbsLog2Fc ?? 1,
        }),
      );
      return { output, therapy: o.therapy };
    }
  }
}

/** A tidy table with JSON-safe cells: missing → null, non-finite numbers as R writes them (Inf, -Inf, NaN). */
function jsonTable(table: StatsTable): TidyTable {
  return {
    columns: table.columns,
    rows: table.rows.map((row) =>
      row.map((cell) => {
        if (cell === undefined) return null;
        if (typeof cell === 'number' && !Number.isFinite(cell))
          return Number.isNaN(cell) ? 'NaN' : cell > 0 ? 'Inf' : '-Inf';
        return cell;
      }),
    ),
  };
}

export function registerAnalysisRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/analyses/:kind',
    {
      config: { rateLimit: ctx.rateLimit('compute') },
      schema: {
        tags: ['analyses'],
        summary:
          'Analyse an uploaded lab-data file (multipart/form-data: `file`, optional `sampleMap`, `standardCurve`, `layout`, `samples`, and option fields as in `miresist analyse <kind>`)',
        consumes: ['multipart/form-data'],
        params: AnalysisParam,
        response: {
          200: AnalysisResponse,
          400: Problem,
          413: Problem,
          415: Problem,
          422: Problem,
          429: Problem,
        },
      },
    },
    async (request) => {
      const upload = await readUpload(request, ctx.limits.uploadBytes);
      const { output, therapy } = runUploadedAnalysis(request.params.kind, upload);
      const links = output.changes
        ? await linkChangesToKnowledge(ctx.store, ctx.names, output.changes, { therapy })
        : undefined;
      const { json, tables } = analysisDocument(output, links && { links, therapy });
      return {
        analysis: output.analysis,
        result: json,
        tables: Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, jsonTable(table)])),
        figures: output.figures,
        warnings: output.warnings,
      };
    },
  );
}
