/** Runs the miresist CLI as a user does: a real process from the source tree, no DATABASE_URL inherited. */
import { spawnSync } from 'node:child_process';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** A runner that puts `leading` (e.g. `--db file`, or a subcommand) before each call's arguments. */
export function cliRunner(...leading: string[]): (...args: string[]) => CliRun {
  return (...args) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...leading, ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, DATABASE_URL: '' },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}
