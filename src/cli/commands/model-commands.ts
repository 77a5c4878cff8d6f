/** `miresist model …`: generic logical-model tools (attractors, stochastic simulation, format conversion). */
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { registerModelExportResistanceCommand } from './model-export-resistance-command.js';
import { registerModelAttractorsCommand } from './model-attractors-command.js';
import { registerModelConvertCommand } from './model-convert-command.js';
import { registerModelSimulateCommand } from './model-simulate-command.js';

export function registerModelCommands(program: Command, ctx: CliContext): void {
  const model = program
    .command('model')
    .description('logical network models: attractors, MaBoSS-style simulation, format conversion');
  registerModelAttractorsCommand(model);
  registerModelSimulateCommand(model);
  registerModelConvertCommand(model);
  registerModelExportResistanceCommand(model, ctx);
}
