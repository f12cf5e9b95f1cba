/**
 * Writes `src/emulator/contract/input-rules.json`: for every operation of every modelled
 * service, the input shape (members, locations, required members, types) and the constraints
 * the models state (enums, min/max, patterns). The emulator validates each request against it
 * before a handler runs (src/emulator/contract/validate-input.ts), so the checks are AWS's,
 * generated, not hand-written per operation. The emulator cannot read the models at run time
 * (`aws-sdk` is a devDependency), hence a generated file; CI regenerates it and fails on a diff.
 *
 *   npm run contract:generate
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModels, type ShapeRef } from './models.js';
import type { InputRules } from '../../src/emulator/contract/input-rules-types.js';

export const INPUT_RULES_FILE = fileURLToPath(new URL('../../src/emulator/contract/input-rules.json', import.meta.url));

function reachable(shapes: Record<string, ShapeRef>, ref: ShapeRef | undefined, seen: Set<string>): void {
  if (!ref) return;
  if (ref.shape !== undefined) {
    if (seen.has(ref.shape)) return;
    seen.add(ref.shape);
    reachable(shapes, shapes[ref.shape], seen);
  }
  for (const m of Object.values(ref.members ?? {})) reachable(shapes, m, seen);
  reachable(shapes, ref.member, seen);
  reachable(shapes, ref.key, seen);
  reachable(shapes, ref.value, seen);
}

export function buildInputRules(): InputRules {
  const out: InputRules = { source: '', services: {} };
  for (const model of loadModels()) {
    const seen = new Set<string>();
    const operations: InputRules['services'][string]['operations'] = {};
    for (const [name, op] of Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b))) {
      if (model.info.servedSubset && !model.info.servedSubset.includes(name)) continue;
      reachable(model.shapes, op.input, seen);
      operations[name] = {
        http: op.http,
        input: op.input,
        constraints: model.facts.operations[name]?.input ?? {},
        errors: model.facts.operations[name]?.errors ?? [],
      };
    }
    const shapes = Object.fromEntries([...seen].sort().map((s) => [s, model.shapes[s]]));
    out.services[model.info.name] = {
      protocol: String(model.metadata.protocol),
      operations,
      errorShapes: model.facts.errors,
      shapes,
    };
  }
  out.source = `aws-sdk ${(require('aws-sdk/package.json') as { version: string }).version} apis/*.min.json + scripts/aws-models/facts.json`;
  return out;
}

import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

/** One operation or shape per line: small, and a model change shows as a readable diff. */
function serialize(rules: InputRules): string {
  const lines = ['{', `"source": ${JSON.stringify(rules.source)},`, '"services": {'];
  const services = Object.entries(rules.services);
  services.forEach(([name, svc], i) => {
    lines.push(`${JSON.stringify(name)}: {"protocol": ${JSON.stringify(svc.protocol)},`, '"operations": {');
    const ops = Object.entries(svc.operations);
    ops.forEach(([op, r], j) =>
      lines.push(`${JSON.stringify(op)}: ${JSON.stringify(r)}${j < ops.length - 1 ? ',' : ''}`),
    );
    lines.push('},', `"errorShapes": ${JSON.stringify(svc.errorShapes)},`, '"shapes": {');
    const shapes = Object.entries(svc.shapes);
    shapes.forEach(([s, r], j) =>
      lines.push(`${JSON.stringify(s)}: ${JSON.stringify(r)}${j < shapes.length - 1 ? ',' : ''}`),
    );
    lines.push(`}}${i < services.length - 1 ? ',' : ''}`);
  });
  lines.push('}}');
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(INPUT_RULES_FILE, serialize(buildInputRules()));
  process.stdout.write(`wrote ${INPUT_RULES_FILE}\n`);
}
