/**
 * Amplification efficiency from a dilution series (Pfaffl 2001; Bustin et al. 2009 MIQE): lm(Ct ~ log10 amount)
 * per target as pcr 1.2.2 `pcr_standard`, E = 10^(−1/slope), efficiency % = (E − 1)·100.
 */
import type { Issue, Result } from '../../model/index.js';
import { fail, ok } from '../../model/index.js';
import { parseDelimitedTable, TableReader } from '../delimited-table.js';
import { linearRegression } from '../descriptive.js';
import { NO_CT_TOKENS } from './qpcr-measurement.js';

/** One dilution-series reaction. */
export interface StandardPoint {
  line: number;
  target: string;
  /** relative input amount (> 0) */
  amount: number;
  /** NaN = no amplification (left out of the fit) */
  ct: number;
}

export interface StandardCurveFit {
  target: string;
  /** points used in the fit */
  n: number;
  slope: number;
  intercept: number;
  rSquared: number;
  slopeSe: number;
  /** amplification factor per cycle, 2 = 100 % */
  efficiency: number;
  efficiencyPercent: number;
  /** within 90–110 % */
  efficiencyAcceptable: boolean;
  points: { amount: number; ct: number }[];
}

const AMOUNT = ['input_rel', 'amount', 'quantity', 'input', 'dilution', 'starting quantity', 'sq', 'copies'];

/**
 * Reads a dilution series: wide (an amount column such as `input_rel`, then one Ct column per target, as pcr's
 * `pcr_standard` takes it) or long (`target,amount,ct`).
 */
export function parseStandardCurve(text: string, file: string): Result<StandardPoint[]> {
  const table = parseDelimitedTable(text, file);
  if (!table.ok) return table;
  const r = new TableReader(table.value);
  const amount = r.requireColumn(...AMOUNT);
  if (r.issues.length) return fail(...r.issues);
  const target = r.column('target', 'target name', 'gene');
  const ct = r.column('ct', 'cq');
  const points: StandardPoint[] = [];
  if (target !== undefined || ct !== undefined) {
    const t = target ?? r.requireColumn('target');
    const c = ct ?? r.requireColumn('ct', 'cq');
    if (r.issues.length) return fail(...r.issues);
    for (const row of table.value.rows)
      points.push({
        line: row.line,
        target: r.text(row, t),
        amount: r.number(row, amount, { min: 0, exclusiveMin: true }),
        ct: r.number(row, c, { missing: NO_CT_TOKENS, min: 0 }),
      });
  } else {
    const targets = table.value.columns.filter((c) => c !== amount);
    if (targets.length === 0)
      return fail({
        file,
        line: r.headerLine(),
        field: amount,
        message:
          'no target columns: give one Ct column per target after the amount column, or target,amount,ct',
      });
    for (const row of table.value.rows) {
      const a = r.number(row, amount, { min: 0, exclusiveMin: true });
      for (const t of targets)
        points.push({
          line: row.line,
          target: t,
          amount: a,
          ct: r.number(row, t, { missing: NO_CT_TOKENS, allowEmpty: true, min: 0 }),
        });
    }
  }
  return r.result(points);
}

/**
 * Fits one standard curve per target. A slope ≥ 0 (Ct not falling with input) or fewer than 3 usable points at
 * 2+ amounts is an issue; efficiency outside 90–110 % or R² < 0.98 is a warning.
 */
export function fitStandardCurves(
  points: readonly StandardPoint[],
  file: string,
): Result<{ fits: StandardCurveFit[]; warnings: string[] }> {
  const targets = [...new Set(points.map((p) => p.target))];
  const issues: Issue[] = [];
  const warnings: string[] = [];
  const fits: StandardCurveFit[] = [];
  for (const target of targets) {
    const all = points.filter((p) => p.target === target);
    const used = all.filter((p) => Number.isFinite(p.ct));
    if (used.length < all.length)
      warnings.push(
        `standard curve ${target}: ${all.length - used.length} dilution point(s) without Ct left out of the fit`,
      );
    const line = all[0]!.line;
    if (used.length < 3 || new Set(used.map((p) => p.amount)).size < 2) {
      issues.push({
        file,
        line,
        field: target,
        message: `standard curve needs at least 3 points at 2 or more amounts (has ${used.length})`,
      });
      continue;
    }
    const x = used.map((p) => Math.log10(p.amount));
    const y = used.map((p) => p.ct);
    const lm = linearRegression(x, y);
    if (!(lm.slope < 0)) {
      issues.push({
        file,
        line,
        field: target,
        message: `slope ${lm.slope.toFixed(3)} ≥ 0: Ct must fall as input rises (check the amount column and dilution order)`,
      });
      continue;
    }
    const efficiency = Math.pow(10, -1 / lm.slope);
    const efficiencyPercent = (efficiency - 1) * 100;
    const efficiencyAcceptable = efficiencyPercent >= 90 && efficiencyPercent <= 110;
    if (!efficiencyAcceptable)
      warnings.push(
        `standard curve ${target}: efficiency ${efficiencyPercent.toFixed(1)} % (slope ${lm.slope.toFixed(3)}) is outside 90–110 %`,
      );
    if (lm.rSquared < 0.98)
      warnings.push(`standard curve ${target}: R² = ${lm.rSquared.toFixed(4)} < 0.98 (poor linearity)`);
    fits.push({
      target,
      n: used.length,
      slope: lm.slope,
      intercept: lm.intercept,
      rSquared: lm.rSquared,
      slopeSe: lm.slopeSe,
      efficiency,
      efficiencyPercent,
      efficiencyAcceptable,
      points: used.map((p) => ({ amount: p.amount, ct: p.ct })),
    });
  }
  if (issues.length) return fail(...issues);
  return ok({ fits, warnings });
}
