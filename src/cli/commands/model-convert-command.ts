import type { Command } from 'commander';

/** Placeholder: being written (issue 4). */
export function registerModelConvertCommand(_model: Command): void {}
