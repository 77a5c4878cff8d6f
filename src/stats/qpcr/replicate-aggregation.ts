/**
 * Technical-replicate aggregation with censoring (MIQE, Bustin et al. 2009): no Ct and Ct ≥ cut-off are censored,
 * never zero and never dropped silently (NormqPCR `replaceAboveCutOff` semantics with ≥); mean, sd, n of the
 * rest as base R `mean`/`sd`, and QC flags.
 */
import { mean, sd } from '../descriptive.js';
import type { QpcrWell } from './qpcr-measurement.js';

export interface AggregationOptions {
  /** Ct at or above this is censored (no amplification within the run) */
  ctCutoff: number;
  /** flag `high_sd` above this technical-replicate sd (cycles) */
  maxReplicateSd: number;
  /** flag `few_replicates` below this many usable replicates */
  minReplicates: number;
}

export const DEFAULT_AGGREGATION: AggregationOptions = {
  ctCutoff: 40,
  maxReplicateSd: 0.5,
  minReplicates: 2,
};

export type QcFlag = 'high_sd' | 'few_replicates' | 'censored' | 'all_censored';

/** One reaction with its censoring decision. */
export interface ReplicateCall {
  well: QpcrWell;
  censored: boolean;
  /** `no amplification`, `Ct ≥ 40`, or empty */
  reason: string;
}

/** The technical replicates of one sample × target, summarised. */
export interface SampleTargetCt {
  sample: string;
  group: string;
  target: string;
  /** mean of the uncensored replicates (NaN when all are censored) */
  meanCt: number;
  /** sd of the uncensored replicates (NaN when fewer than 2) */
  sdCt: number;
  /** uncensored replicates */
  n: number;
  nCensored: number;
  flags: QcFlag[];
}

/** Why a Ct is censored, or undefined when it is usable. */
export function censorReason(ct: number, ctCutoff: number): string | undefined {
  if (Number.isNaN(ct)) return 'no amplification';
  if (ct >= ctCutoff) return `Ct ≥ ${ctCutoff}`;
  return undefined;
}

/** Censors and summarises technical replicates per sample × target, in first-seen order. */
export function aggregateReplicates(
  wells: readonly QpcrWell[],
  options: AggregationOptions = DEFAULT_AGGREGATION,
): { replicates: ReplicateCall[]; samples: SampleTargetCt[] } {
  const replicates: ReplicateCall[] = wells.map((well) => {
    const reason = censorReason(well.ct, options.ctCutoff);
    return { well, censored: reason !== undefined, reason: reason ?? '' };
  });
  const byKey = new Map<string, ReplicateCall[]>();
  for (const call of replicates) {
    const key = `${call.well.sample}\u0000${call.well.target}`;
    const list = byKey.get(key);
    if (list) list.push(call);
    else byKey.set(key, [call]);
  }
  const samples = [...byKey.values()].map((calls): SampleTargetCt => {
    const kept = calls.filter((c) => !c.censored).map((c) => c.well.ct);
    const nCensored = calls.length - kept.length;
    const s = kept.length > 1 ? sd(kept) : NaN;
    const flags: QcFlag[] = [];
    if (kept.length === 0) flags.push('all_censored');
    else if (nCensored > 0) flags.push('censored');
    if (s > options.maxReplicateSd) flags.push('high_sd');
    if (kept.length < options.minReplicates) flags.push('few_replicates');
    const first = calls[0]!.well;
    return {
      sample: first.sample,
      group: first.group,
      target: first.target,
      meanCt: kept.length ? mean(kept) : NaN,
      sdCt: s,
      n: kept.length,
      nCensored,
      flags,
    };
  });
  return { replicates, samples };
}

/** A flag list in words for tables and warnings, e.g. `censored (1 of 3); high_sd (0.62)`. */
export function describeFlags(s: SampleTargetCt): string {
  return s.flags
    .map((f) => {
      if (f === 'censored' || f === 'all_censored') return `${f} (${s.nCensored} of ${s.n + s.nCensored})`;
      if (f === 'high_sd') return `high_sd (${s.sdCt.toFixed(2)})`;
      return `${f} (n = ${s.n})`;
    })
    .join('; ');
}
