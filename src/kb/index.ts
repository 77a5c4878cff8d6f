export * from './knowledge-store.js';
export * from './knowledge-queries.js';
export * from './build-knowledge-base.js';
export * from './curation-loader.js';
export * from './curation-parser.js';
export * from './exporters.js';
export * from './reference-data.js';
export { STORE_FORMAT_VERSION } from './migrations.js';
export * from './enrichment-analysis.js';
