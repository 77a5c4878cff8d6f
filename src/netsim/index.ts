export * from './expr.js';
export * from './network.js';
export * from './compile.js';
export * from './rng.js';
export * from './formats/index.js';
export * from './formats/bnet-format.js';
