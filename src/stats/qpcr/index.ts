/** RT-qPCR analysis: inputs, replicate QC, Livak/Pfaffl/NRQ, standard curves, reference-gene stability. */
export {
  runQpcrAnalysis,
  runReferenceStability,
  V_THRESHOLD,
  type QpcrAnalysisInputs,
  type QpcrAnalysisOptions,
  type QpcrJson,
} from './qpcr-analysis.js';
export {
  detectQpcrFormat,
  parseCfxCqResults,
  parseLongQpcrTable,
  parseQpcrPlate,
  parseQuantStudioResults,
  parseSampleMap,
  type QpcrSource,
  type SampleMap,
  type SampleMapEntry,
} from './qpcr-input-parsers.js';
export { parseRdml } from './rdml-parser.js';
export {
  NO_CT_TOKENS,
  normaliseWell,
  type QpcrFormat,
  type QpcrPlate,
  type QpcrWell,
  type SkippedWell,
} from './qpcr-measurement.js';
export {
  aggregateReplicates,
  censorReason,
  DEFAULT_AGGREGATION,
  describeFlags,
  type AggregationOptions,
  type QcFlag,
  type ReplicateCall,
  type SampleTargetCt,
} from './replicate-aggregation.js';
export {
  compareNrq,
  deltaCtTTest,
  deltaDeltaCt,
  pfafflRatio,
  propagatePfaffl,
  qbaseNrq,
  type DdctRow,
  type ErrorMode,
  type NrqResult,
  type PairedCt,
  type PfafflInput,
  type PropagatedError,
} from './relative-quantification.js';
export {
  completeSamples,
  genormM,
  genormStepwise,
  normFinder,
  pairwiseVariation,
  parseReferenceCandidates,
  type CandidateMatrix,
  type GenormResult,
  type NormFinderResult,
} from './reference-stability.js';
export {
  fitStandardCurves,
  parseStandardCurve,
  type StandardCurveFit,
  type StandardPoint,
} from './standard-curve.js';
