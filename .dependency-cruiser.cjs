/* global module */
/**
 * The dependency rule of apigw-sync, enforced in CI (`npm run lint:deps`).
 * docs/architecture.md explains it; in short, dependencies point down only:
 *
 *   cli, github, action, demo          (entry points)
 *     └─ engine                        (wires the pipeline: plan, apply, drift, import)
 *          └─ aws                      (the only @aws-sdk code besides the emulator)
 *               └─ core: render → plan → diff ; render → service → validate → state ; cost ; rollout ; import
 *                    └─ kinds          (one module per resource kind + the registry)
 *                         └─ model     (the vocabulary every layer speaks)
 *
 * The core does no I/O and imports no SDK; the one documented exception is reading the
 * gateway-state directory (src/state/read-files.ts, and src/state/region.ts for gateway.yaml).
 * The emulator is independent of the code it tests: it imports nothing from src/ outside itself.
 */
const CORE = '^src/(model|kinds|state|validate|diff|plan|cost|render|rollout|import|service)/';
const EDGES = '^src/(aws|github|engine|cli|emulator|demo|action|docs)/|^src/cli\\.ts$';
const SDK = '^(@aws-sdk|@smithy)/|node_modules/(@aws-sdk|@smithy)/';
const GITHUB_LIBS = '^(@octokit|probot|@probot|@actions)/?|node_modules/(@octokit|probot|@probot|@actions)/';
const IO =
  '^(fs|fs/promises|node:fs|node:fs/promises|net|node:net|http|node:http|https|node:https|child_process|node:child_process)$';

/** Folders a core folder may import, besides itself and model/kinds. */
const coreAllowed = {
  state: [],
  validate: ['state'],
  diff: [],
  plan: ['diff'],
  cost: [],
  rollout: [],
  import: [],
  service: ['state', 'validate', 'diff'],
  render: ['diff', 'plan', 'cost', 'rollout', 'validate', 'service', 'state'],
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes two modules one; break it by moving the shared part down. (A cycle through a type-only import is no runtime cycle.)',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'model-is-the-bottom',
      severity: 'error',
      comment: "src/model is the shared vocabulary: it imports nothing but itself and the kinds' model types.",
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/|^src/kinds/[^/]+/model\\.ts$' },
    },
    {
      name: 'kind-model-types-are-leaves',
      severity: 'error',
      comment:
        "A kind's model.ts holds types only: it may import other kinds' model.ts files and the kind's schema, nothing else of src/.",
      from: { path: '^src/kinds/[^/]+/model\\.ts$' },
      to: { path: '^src/', pathNot: '^src/kinds/[^/]+/(model|schema)\\.ts$' },
    },
    {
      name: 'kinds-are-core',
      severity: 'error',
      comment:
        'A resource kind describes AWS as pure data and functions: it imports only model, other kinds and libraries like zod.',
      from: { path: '^src/kinds/' },
      to: { path: '^src/', pathNot: '^src/(model|kinds)/' },
    },
    {
      name: 'core-imports-no-edge',
      severity: 'error',
      comment:
        'The core (model, kinds, state, validate, diff, plan, cost, render, rollout, import, service) never calls the edges.',
      from: { path: CORE },
      to: { path: EDGES },
    },
    {
      name: 'core-imports-no-sdk',
      severity: 'error',
      comment: 'Only src/aws (and the emulator) talk to AWS.',
      from: { path: CORE },
      to: { path: SDK },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment:
        "The core is pure; reading gateway-state (state/read-files.ts, and state/region.ts for gateway.yaml's region and owner) is the one documented exception.",
      from: { path: CORE, pathNot: '^src/state/(read-files|region)\\.ts$' },
      to: { dependencyTypes: ['core'], path: IO },
    },
    ...Object.entries(coreAllowed).map(([folder, allowed]) => ({
      name: `core-layer-${folder}`,
      severity: 'error',
      comment: `src/${folder} may import only model, kinds${allowed.length ? `, ${allowed.join(', ')}` : ''} and itself among the core folders.`,
      from: { path: `^src/${folder}/` },
      to: { path: CORE, pathNot: `^src/(model|kinds|${[folder, ...allowed].join('|')})/` },
    })),
    {
      name: 'sdk-only-in-aws',
      severity: 'error',
      comment:
        'AWS SDK clients live in src/aws (and the local endpoint in src/emulator); everything else goes through them.',
      from: { path: '^src/', pathNot: '^src/(aws|emulator)/' },
      to: { path: SDK },
    },
    {
      name: 'github-libs-only-in-github',
      severity: 'error',
      comment: 'Octokit, probot and @actions are the GitHub edge: src/github and the action entry.',
      from: { path: '^src/', pathNot: '^src/(github|action)/' },
      to: { path: GITHUB_LIBS },
    },
    {
      name: 'aws-is-an-edge',
      severity: 'error',
      comment: 'src/aws adapts AWS to the core: it may not call the engine, GitHub, the CLI or the demo.',
      from: { path: '^src/aws/' },
      to: { path: '^src/(github|engine|cli|demo|action|emulator)/|^src/cli\\.ts$' },
    },
    {
      name: 'emulator-stands-alone',
      severity: 'error',
      comment: 'The local AWS endpoint must not share code with what it tests.',
      from: { path: '^src/emulator/' },
      to: { path: '^src/', pathNot: '^src/emulator/' },
    },
    {
      name: 'docs-is-an-edge',
      comment:
        'src/docs builds and writes the documentation site: it may use the core, not the engine, GitHub, the CLI or AWS.',
      severity: 'error',
      from: { path: '^src/docs/' },
      to: { path: '^src/(github|engine|cli|demo|action|emulator|aws)/|^src/cli\\.ts$' },
    },
    {
      name: 'engine-below-entry-points',
      severity: 'error',
      comment: 'The engine is called by the CLI, the App and the demo; it never calls them.',
      from: { path: '^src/engine/' },
      to: { path: '^src/(github|cli|demo|action)/|^src/cli\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
