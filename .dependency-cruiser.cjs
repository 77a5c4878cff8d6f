/** Dependency direction of miResist (docs/architecture.md): model ← pure cores ← kb ← api, cli. */
const pure = '^src/(model|names|seq|netsim|stats|read|plot)/';
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'model-imports-only-zod',
      comment: 'src/model holds schemas and types; it imports nothing but zod and itself',
      severity: 'error',
      from: { path: '^src/model/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^src/model/', '^node_modules/zod/', '^zod$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-cores-stay-pure',
      comment:
        'names, seq, netsim, stats, read import only model and each other, never storage, shells or I/O',
      severity: 'error',
      from: { path: pure, pathNot: '\\.test\\.ts$' },
      to: {
        path: [
          '^src/(kb|api|cli)/',
          '^web/',
          '^node:(fs|child_process|net|http|worker_threads)',
          '^(fs|child_process|net|http)$',
          '^node_modules/(better-sqlite3|pg|kysely|commander|cli-progress)/',
        ],
      },
    },
    {
      name: 'kb-below-shells',
      severity: 'error',
      from: { path: '^src/kb/' },
      to: { path: ['^src/(api|cli)/', '^web/'] },
    },
    {
      name: 'nothing-imports-shells',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'api-contract-pure',
      comment: 'src/api/contract.ts is shared with the web app: zod schemas over src/model only',
      severity: 'error',
      from: { path: '^src/api/contract\\.ts$' },
      to: { pathNot: ['^src/model/', '^node_modules/zod/', '^zod$'] },
    },
    {
      name: 'web-uses-only-contract-types',
      comment:
        'the web app talks to the server over HTTP: it may import types of the API contract, no server code',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-imports-only-the-contract',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/', pathNot: ['^src/api/contract\\.ts$', '^src/model/'] },
    },
    {
      name: 'nothing-imports-api',
      severity: 'error',
      from: { pathNot: '^src/(api|cli)/' },
      to: { path: '^src/api/', pathNot: '^src/api/contract\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
