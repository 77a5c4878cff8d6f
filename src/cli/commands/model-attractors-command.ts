import type { Command } from 'commander';

/** Placeholder: being written (issue 4). */
export function registerModelAttractorsCommand(_model: Command): void {}
