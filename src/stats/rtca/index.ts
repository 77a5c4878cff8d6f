/** Real-time cell analysis (xCELLigence/iCELLigence cell index): parsers, per-well metrics and the analysis entry point. */
export * from './cell-index-parser.js';
export * from './exponential-fit.js';
export * from './rtca-metrics.js';
export * from './rtca-analysis.js';
