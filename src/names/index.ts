export * from './text-normalise.js';
export * from './mirbase-parser.js';
export * from './mirna-resolver.js';
export * from './mirna-mentions.js';
export * from './gene-resolver.js';
export * from './therapy-resolver.js';
export * from './pathway-resolver.js';
export * from './reference-names.js';
