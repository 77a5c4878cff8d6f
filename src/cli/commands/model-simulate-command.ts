import type { Command } from 'commander';

/** Placeholder: being written (issue 4). */
export function registerModelSimulateCommand(_model: Command): void {}
