/** Drug-combination synergy: SynergyFinder 3.7.3 scores (Bliss, HSA, Loewe, ZIP), Chou–Talalay CI, analysis entry point. */
export * from './median-effect.js';
export * from './synergy-scores.js';
export * from './synergy-parser.js';
export * from './synergy-analysis.js';
