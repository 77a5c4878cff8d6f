/**
 * SynergyFinder's long table (block_id, drug1, drug2, conc1, conc2, response, conc_unit1, conc_unit2; response =
 * % inhibition, or % viability turned into 100 − viability as ReshapeData's `data_type = "viability"`) read into
 * complete dose matrices of % inhibition, one per block; replicate wells are averaged.
 */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import type { TableRow } from '../delimited-table.js';
import { parseDelimitedTable, TableReader } from '../delimited-table.js';
import type { DoseMatrix } from './synergy-scores.js';

export interface SynergyBlock extends DoseMatrix {
  id: string;
  drug1: string;
  drug2: string;
  unit1: string;
  unit2: string;
  /** line of the block's first row */
  firstLine: number;
  /** number of rows averaged into each well, [i][j] like `response` */
  replicates: number[][];
}

/** What the response column holds: % inhibition (SynergyFinder's default) or % viability. */
export type SynergyDataType = 'inhibition' | 'viability';

export interface SynergyParseOptions {
  /** default 'inhibition'; 'viability' responses are converted to 100 − viability */
  dataType?: SynergyDataType;
}

export interface SynergyData {
  file: string;
  dataType: SynergyDataType;
  /** the header of the response column as written in the file */
  responseColumn: string;
  blocks: SynergyBlock[];
  warnings: string[];
}

interface Row {
  line: number;
  conc1: number;
  conc2: number;
  response: number;
}

/** Parses a SynergyFinder long table; bad cells, mixed drugs within a block and incomplete matrices are issues. */
export function parseSynergyTable(
  text: string,
  file: string,
  options: SynergyParseOptions = {},
): Result<SynergyData> {
  const dataType = options.dataType ?? 'inhibition';
  const parsed = parseDelimitedTable(text, file);
  if (!parsed.ok) return parsed;
  const table = parsed.value;
  const reader = new TableReader(table);
  const blockColumn = reader.column('block_id', 'block', 'pairindex');
  const drug1Column = reader.requireColumn('drug1', 'drug_row');
  const drug2Column = reader.requireColumn('drug2', 'drug_col');
  const conc1Column = reader.requireColumn('conc1', 'conc_r');
  const conc2Column = reader.requireColumn('conc2', 'conc_c');
  const responseColumn = reader.requireColumn('response', 'inhibition', 'viability');
  const unit1Column = reader.column('conc_unit1', 'conc_r_unit', 'conc_unit', 'concunit');
  const unit2Column = reader.column('conc_unit2', 'conc_c_unit', 'conc_unit', 'concunit');
  if (reader.issues.length) return fail(...reader.issues);

  const warnings: string[] = [];
  if (!blockColumn) warnings.push(`${file}: no block_id column: all rows are read as block 1`);
  const headerType = /viab/i.test(responseColumn)
    ? 'viability'
    : /inhib/i.test(responseColumn)
      ? 'inhibition'
      : '';
  if (headerType && headerType !== dataType)
    warnings.push(
      `${file}: the response column '${responseColumn}' reads as % ${headerType} but responses are read as % ${dataType}: pass --data-type ${headerType} if it holds % ${headerType}`,
    );
  const blocks = new Map<
    string,
    {
      first: TableRow;
      drug1: string;
      drug2: string;
      unit1: string;
      unit2: string;
      rows: Row[];
      total: number;
      badCells: boolean;
    }
  >();
  const emptyResponses = new Map<string, number>();
  for (const row of table.rows) {
    const issuesBefore = reader.issues.length;
    const id = blockColumn ? reader.text(row, blockColumn) : '1';
    const drug1 = reader.text(row, drug1Column);
    const drug2 = reader.text(row, drug2Column);
    const conc1 = reader.number(row, conc1Column, { min: 0 });
    const conc2 = reader.number(row, conc2Column, { min: 0 });
    const response = reader.number(row, responseColumn, { allowEmpty: true });
    const unit1 = reader.optionalText(row, unit1Column) ?? '';
    const unit2 = reader.optionalText(row, unit2Column) ?? '';
    if (id === '') continue;
    let block = blocks.get(id);
    if (!block) {
      block = { first: row, drug1, drug2, unit1, unit2, rows: [], total: 0, badCells: false };
      blocks.set(id, block);
    }
    block.total += 1;
    if (block.total > 1) {
      if (drug1 !== block.drug1)
        reader.report(row, drug1Column, `block ${id} mixes drug1 '${block.drug1}' and '${drug1}'`);
      if (drug2 !== block.drug2)
        reader.report(row, drug2Column, `block ${id} mixes drug2 '${block.drug2}' and '${drug2}'`);
      if (unit1 !== block.unit1 && unit1Column)
        reader.report(
          row,
          unit1Column,
          `block ${id} mixes concentration units '${block.unit1}' and '${unit1}'`,
        );
      if (unit2 !== block.unit2 && unit2Column && unit2Column !== unit1Column)
        reader.report(
          row,
          unit2Column,
          `block ${id} mixes concentration units '${block.unit2}' and '${unit2}'`,
        );
    }
    if (reader.issues.length > issuesBefore) block.badCells = true;
    if (Number.isNaN(response) && (row.cells[responseColumn] ?? '') === '') {
      emptyResponses.set(id, (emptyResponses.get(id) ?? 0) + 1);
      continue;
    }
    if (Number.isFinite(conc1) && Number.isFinite(conc2) && !Number.isNaN(response))
      block.rows.push({
        line: row.line,
        conc1,
        conc2,
        response: dataType === 'viability' ? 100 - response : response,
      });
  }
  const issues: Issue[] = [...reader.issues];
  if (table.rows.length === 0) issues.push({ file, line: 1, message: 'no data rows' });
  const out: SynergyBlock[] = [];
  for (const [id, block] of blocks) {
    const here = (message: string, field = responseColumn): Issue => ({
      file,
      line: block.first.line,
      field,
      message,
    });
    if (block.rows.length === 0) {
      if (block.total === (emptyResponses.get(id) ?? 0))
        issues.push(here(`block ${id} has no responses (every response cell is empty)`));
      continue;
    }
    if ((emptyResponses.get(id) ?? 0) > 0)
      issues.push(
        here(
          `block ${id} has ${emptyResponses.get(id)} empty response cell(s): the dose matrix must be complete`,
        ),
      );
    if (block.badCells) continue;
    const matrix = buildMatrix(block.rows);
    const conc1 = matrix.conc1;
    const conc2 = matrix.conc2;
    if (conc1[0] !== 0 || conc2[0] !== 0) {
      const missing = conc1[0] !== 0 ? conc1Column : conc2Column;
      issues.push(
        here(
          `block ${id} has no ${missing} = 0 wells: the other drug's single-agent response is needed`,
          missing,
        ),
      );
      continue;
    }
    if (conc1.length < 3 || conc2.length < 3) {
      const short = conc1.length < 3 ? conc1Column : conc2Column;
      issues.push(
        here(
          `block ${id} needs at least 3 concentrations of each drug (0 and two above) for the dose–response fits`,
          short,
        ),
      );
      continue;
    }
    if (Number.isNaN(matrix.response[0]![0]!)) {
      matrix.response[0]![0] = 0;
      warnings.push(
        `block ${id}: no conc1 = conc2 = 0 well; its inhibition is taken as 0 %${dataType === 'viability' ? ' (viability 100 %)' : ''}`,
      );
    }
    const missing = conc1.flatMap((c1, i) =>
      conc2.flatMap((c2, j) => (Number.isNaN(matrix.response[i]![j]!) ? [`${c1} × ${c2}`] : [])),
    );
    if (missing.length) {
      const list =
        missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, … (${missing.length} in all)` : '');
      issues.push(
        here(`block ${id}: the dose matrix is incomplete, no well at conc1 × conc2 = ${list}`, conc1Column),
      );
      continue;
    }
    if (matrix.replicates.some((row) => row.some((n) => n > 1)))
      warnings.push(
        `block ${id}: replicate wells averaged (SynergyFinder's replicate bootstrap is not reproduced)`,
      );
    if (conc1.length < 4 || conc2.length < 4)
      warnings.push(
        `block ${id}: fewer than 4 concentrations of a drug: its single-drug LL.4 fit has no residual df`,
      );
    out.push({
      id,
      drug1: block.drug1,
      drug2: block.drug2,
      unit1: block.unit1,
      unit2: block.unit2,
      firstLine: block.first.line,
      ...matrix,
    });
  }
  if (issues.length) return fail(...issues);
  return ok({ file, dataType, responseColumn, blocks: out, warnings });
}

function buildMatrix(rows: readonly Row[]): DoseMatrix & { replicates: number[][] } {
  const conc1 = [...new Set(rows.map((r) => r.conc1))].sort((a, b) => a - b);
  const conc2 = [...new Set(rows.map((r) => r.conc2))].sort((a, b) => a - b);
  const sums = conc1.map(() => conc2.map(() => 0));
  const counts = conc1.map(() => conc2.map(() => 0));
  for (const r of rows) {
    const i = conc1.indexOf(r.conc1);
    const j = conc2.indexOf(r.conc2);
    sums[i]![j]! += r.response;
    counts[i]![j]! += 1;
  }
  return {
    conc1,
    conc2,
    response: sums.map((row, i) => row.map((s, j) => (counts[i]![j]! ? s / counts[i]![j]! : NaN))),
    replicates: counts,
  };
}
