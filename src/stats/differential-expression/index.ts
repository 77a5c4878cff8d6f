/** Differential expression of two groups: parsers, limma lmFit/eBayes, voom, lowess and the analysis entry point. */
export * from './expression-parser.js';
export * from './limma-ebayes.js';
export * from './lowess.js';
export * from './voom.js';
export * from './de-analysis.js';
