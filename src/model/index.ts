export * from './predicates.js';
export * from './context.js';
export * from './evidence.js';
export * from './entities.js';
export * from './statement.js';
export * from './errors.js';
