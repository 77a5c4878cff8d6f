/** Dose–response: LL.4 least-squares fits (drc 3.0-1), ED50s with delta/log-scale CIs, resistance index, analysis entry point. */
export * from './least-squares.js';
export * from './log-logistic-fit.js';
export * from './effective-dose.js';
export * from './dose-response-parser.js';
export * from './dose-response-analysis.js';
