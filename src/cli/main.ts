/** The `miresist` command: entry point; reads flags and environment once, wires commands, maps errors. */
import { userInfo } from 'node:os';
import { Command } from 'commander';
import { MiresistError, UnresolvedNameError, ValidationError } from '../model/index.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerKbCommands } from './commands/kb-commands.js';
import { registerQueryCommands } from './commands/query-commands.js';
import { registerResolveCommand } from './commands/resolve-command.js';
import { registerScanCommand } from './commands/scan-command.js';
import { registerEnrichCommand } from './commands/enrich-command.js';
import { registerModelCommands } from './commands/model-commands.js';
import { registerResistanceCommands } from './commands/resistance-commands.js';
import { registerAnalyseCommands } from './commands/analyse-commands.js';
import { registerReadCommands } from './commands/read-commands.js';
import { registerServeCommand } from './commands/serve-command.js';
import { storeConfig } from './store-config.js';

const program = new Command('miresist')
  .description(
    'miResist: microRNA-mediated therapy resistance in breast cancer, as an evidence-linked knowledge graph',
  )
  .version('0.1.0')
  .option(
    '--db <path|url>',
    'store: SQLite file path or postgres:// URL (default: $DATABASE_URL, $MIRESIST_DB, .miresist/miresist.sqlite)',
  )
  .showHelpAfterError();

/** $MIRESIST_CURATOR, else the login name (userInfo throws where the user has no passwd entry). */
function defaultCurator(): string {
  if (process.env.MIRESIST_CURATOR) return process.env.MIRESIST_CURATOR;
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

const ctx = {
  config: () => storeConfig(program.opts<{ db?: string }>().db, process.env),
  defaultCurator,
};
registerKbCommands(program, ctx);
registerQueryCommands(program, ctx);
registerExportCommand(program, ctx);
registerResolveCommand(program);
registerScanCommand(program);
registerEnrichCommand(program, ctx);
registerModelCommands(program, ctx);
registerResistanceCommands(program, ctx);
registerAnalyseCommands(program, ctx);
registerReadCommands(program, ctx);
registerServeCommand(program, ctx);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ValidationError) {
    process.stderr.write(
      `miresist: ${error.issues.length} problem(s); nothing was changed:\n${error.message}\n`,
    );
    process.exitCode = 2;
  } else if (error instanceof UnresolvedNameError) {
    process.stderr.write(`miresist: ${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof MiresistError) {
    process.stderr.write(`miresist: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
