/** `miresist serve`: the HTTP API and web app over the store, until interrupted. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildServer } from '../../api/server.js';
import { KnowledgeStore, describeStore, loadReferenceNames } from '../../kb/index.js';
import { ValidationError } from '../../model/index.js';
import type { CliContext } from '../cli-context.js';

function nonNegativeInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new ValidationError([{ field: name, message: `'${value}' is not a whole number ≥ 0` }]);
    return n;
  };
}

/** The operator's write token: --token-file, else $MIRESIST_API_TOKEN; none means curation writes are refused. */
function readToken(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (file) {
    let token: string;
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new ValidationError([{ file, field: '--token-file', message: (error as Error).message }]);
    }
    if (token.length < 8)
      throw new ValidationError([
        { file, field: '--token-file', message: 'the token needs at least 8 characters' },
      ]);
    return token;
  }
  const token = env.MIRESIST_API_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < 8)
    throw new ValidationError([
      { field: 'MIRESIST_API_TOKEN', message: 'the token needs at least 8 characters' },
    ]);
  return token;
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('start the HTTP API (/api, docs at /api/docs) and the web app on the store; prints the URL')
    .option(
      '--port <n>',
      'port (0 = any free port; default $MIRESIST_PORT, else 8787)',
      nonNegativeInteger('--port'),
    )
    .option(
      '--host <host>',
      'address to listen on (0.0.0.0 for every interface; default $MIRESIST_HOST, else 127.0.0.1)',
      process.env.MIRESIST_HOST ?? '127.0.0.1',
    )
    .option(
      '--token-file <file>',
      'file holding the bearer token that curation writes need (else $MIRESIST_API_TOKEN)',
    )
    .option(
      '--read-rate-limit <n>',
      'GET requests per minute per client (0 = no limit)',
      nonNegativeInteger('--read-rate-limit'),
      3000,
    )
    .option(
      '--compute-rate-limit <n>',
      'simulations, analyses, jobs and writes per minute per client (0 = no limit)',
      nonNegativeInteger('--compute-rate-limit'),
      120,
    )
    .option(
      '--upload-limit-mb <n>',
      'largest upload or request body, MiB',
      nonNegativeInteger('--upload-limit-mb'),
      10,
    )
    .option('--log', 'log every request (JSON lines on stdout)')
    .action(
      async (opts: {
        port?: number;
        host: string;
        tokenFile?: string;
        readRateLimit: number;
        computeRateLimit: number;
        uploadLimitMb: number;
        log?: boolean;
      }) => {
        const token = readToken(opts.tokenFile, process.env);
        const config = ctx.config();
        const store = await KnowledgeStore.open(config);
        let app: Awaited<ReturnType<typeof buildServer>>;
        let address: string;
        try {
          app = await buildServer({
            store,
            names: loadReferenceNames(),
            token,
            logger: Boolean(opts.log),
            limits: {
              readsPerMinute: opts.readRateLimit,
              computePerMinute: opts.computeRateLimit,
              uploadBytes: Math.max(1, opts.uploadLimitMb) * 1024 * 1024,
            },
          });
          const port =
            opts.port ??
            (process.env.MIRESIST_PORT
              ? nonNegativeInteger('$MIRESIST_PORT')(process.env.MIRESIST_PORT)
              : 8787);
          address = await app.listen({ port, host: opts.host });
        } catch (error) {
          await store.close();
          throw error;
        }
        const shown = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://localhost');
        process.stdout.write(
          [
            `miResist is serving ${describeStore(config)}`,
            `  web app   ${shown}/`,
            `  API docs  ${shown}/api/docs`,
            `  curation writes ${token ? 'enabled (bearer token)' : 'disabled: set MIRESIST_API_TOKEN or --token-file'}`,
            'press Ctrl+C to stop',
            '',
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void app
              .close()
              .catch((error: unknown) =>
                process.stderr.write(`miresist: closing the server: ${String(error)}\n`),
              )
              .then(() => store.close())
              .catch((error: unknown) =>
                process.stderr.write(`miresist: closing the store: ${String(error)}\n`),
              )
              .finally(resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
}
