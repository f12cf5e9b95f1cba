/**
 * The model facts the `aws-sdk` v2 npm package strips from its `apis/*.min.json` models:
 * each operation's error list, the error shapes (HTTP status, query-protocol code, fault),
 * enum values and the input constraints (min/max length, ranges, patterns). botocore ships
 * the same AWS service models unstripped; this script reads them where botocore is installed
 * (the AWS CLI's Python package) and writes `scripts/aws-models/facts.json`, keyed by member
 * path from each operation (`Metrics[].MetricStat.Metric.Dimensions[].Name`, `tags{}`), so
 * they fold onto the npm models whatever their shape names.
 *
 *   npm run models:facts            (needs `python3 -c 'import botocore'`; commits the result)
 *
 * The file is an input to `npm run contract:generate` and the contract test; it is refreshed
 * by hand when the models move (its header records the botocore version it came from).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FACTS_FILE, SERVICES, type Facts, type MemberFacts, type ServiceFacts } from './models.js';

interface BotoShape {
  type: string;
  required?: string[];
  members?: Record<string, { shape: string; locationName?: string; location?: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
}
interface BotoModel {
  metadata: Record<string, unknown>;
  operations: Record<
    string,
    { input?: { shape: string }; output?: { shape: string }; errors?: Array<{ shape: string }> }
  >;
  shapes: Record<string, BotoShape>;
}

function botocoreDir(): string {
  const py = process.env.PYTHON ?? 'python3';
  return execFileSync(
    py,
    ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__) + "|" + botocore.__version__)'],
    { encoding: 'utf8' },
  ).trim();
}

function readModel(dataDir: string, name: string, version: string): BotoModel {
  const base = join(dataDir, name, version);
  for (const f of ['service-2.json.gz', 'service-2.json']) {
    try {
      const raw = readFileSync(join(base, f));
      return JSON.parse((f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as BotoModel;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw new Error(`botocore has no model ${name}/${version} in ${dataDir}`);
}

/**
 * Constraint-bearing paths under a shape (inputs: everything; outputs: enums only). A shape
 * already on the path (WAF's Statement inside AndStatement inside Statement…) is not entered
 * again: its facts are those of its first occurrence, and the recursion would otherwise grow
 * the file exponentially.
 */
function walk(
  model: BotoModel,
  shapeName: string,
  path: string,
  out: Record<string, MemberFacts>,
  what: 'input' | 'output',
  depth = 0,
  onPath: ReadonlySet<string> = new Set(),
): void {
  const s = model.shapes[shapeName];
  if (!s || depth > 12 || onPath.has(shapeName)) return;
  const inner = new Set(onPath).add(shapeName);
  const facts: MemberFacts = {};
  if (s.enum) facts.enum = s.enum;
  if (what === 'input') {
    // The newer model's required members win (WAF's GetWebACL now takes an ARN instead of Name, Scope and Id).
    if (s.type === 'structure') facts.required = s.required ?? [];
    if (s.min !== undefined) facts.min = s.min;
    if (s.max !== undefined) facts.max = s.max;
    if (s.pattern !== undefined) facts.pattern = s.pattern;
  }
  // Outputs: the structure's members as this (newer) model has them, by JSON name with their
  // type, so a member AWS added after the aws-sdk v2 models froze is known, not "extra".
  if (what === 'output' && s.type === 'structure') {
    facts.members = Object.fromEntries(
      Object.entries(s.members ?? {})
        .filter(([, ref]) => !ref.location)
        .map(([name, ref]) => [ref.locationName ?? name, model.shapes[ref.shape]?.type ?? 'string']),
    );
  }
  if (Object.keys(facts).length > 0) out[path] = facts;
  const at = (p: string) => (path === '' ? p : `${path}.${p}`);
  if (s.type === 'structure')
    for (const [name, ref] of Object.entries(s.members ?? {}))
      walk(model, ref.shape, at(name), out, what, depth + 1, inner);
  if (s.type === 'list' && s.member) walk(model, s.member.shape, `${path}[]`, out, what, depth + 1, inner);
  if (s.type === 'map' && s.key && s.value) {
    walk(model, s.key.shape, `${path}{key}`, out, what, depth + 1, inner);
    walk(model, s.value.shape, `${path}{}`, out, what, depth + 1, inner);
  }
}

function serviceFacts(model: BotoModel, subset?: readonly string[]): ServiceFacts {
  const operations: ServiceFacts['operations'] = {};
  const errors: ServiceFacts['errors'] = {};
  for (const [name, op] of Object.entries(model.operations)) {
    if (subset && !subset.includes(name)) continue;
    const input: Record<string, MemberFacts> = {};
    const output: Record<string, MemberFacts> = {};
    if (op.input) walk(model, op.input.shape, '', input, 'input');
    if (op.output) walk(model, op.output.shape, '', output, 'output');
    operations[name] = { errors: (op.errors ?? []).map((e) => e.shape), input, output };
  }
  for (const [name, s] of Object.entries(model.shapes)) {
    if (!s.exception) continue;
    const status = s.error?.httpStatusCode ?? (s.error?.senderFault === false ? 500 : 400);
    const members = Object.entries(s.members ?? {})
      .filter(([, ref]) => !ref.location)
      .map(([m, ref]) => ref.locationName ?? m);
    errors[name] = {
      status,
      code: s.error?.code ?? name,
      fault: s.error?.senderFault === false || status >= 500 ? 'server' : 'client',
      ...(members.length > 0 ? { members } : {}),
    };
  }
  return {
    protocols: (model.metadata.protocols as string[] | undefined) ?? [String(model.metadata.protocol)],
    awsQueryCompatible: model.metadata.awsQueryCompatible !== undefined,
    operations,
    errors,
  };
}

const [dataDirBase, version] = botocoreDir().split('|');
const facts: Facts = { source: `botocore ${version} (its data/SERVICE/API-VERSION/service-2.json)`, services: {} };
for (const svc of SERVICES) {
  const model = readModel(join(dataDirBase, 'data'), svc.botocoreName, svc.apiVersion);
  facts.services[svc.name] = serviceFacts(model, svc.servedSubset);
}
// One operation per line: compact, and a model refresh shows as a readable diff.
const lines = ['{', `"source": ${JSON.stringify(facts.source)},`, '"services": {'];
Object.entries(facts.services).forEach(([name, svc], i, all) => {
  lines.push(
    `${JSON.stringify(name)}: {"protocols": ${JSON.stringify(svc.protocols)}, "awsQueryCompatible": ${svc.awsQueryCompatible},`,
    `"errors": ${JSON.stringify(svc.errors)},`,
    '"operations": {',
  );
  Object.entries(svc.operations).forEach(([op, f], j, ops) =>
    lines.push(`${JSON.stringify(op)}: ${JSON.stringify(f)}${j < ops.length - 1 ? ',' : ''}`),
  );
  lines.push(`}}${i < all.length - 1 ? ',' : ''}`);
});
lines.push('}}');
writeFileSync(FACTS_FILE, lines.join('\n') + '\n');
process.stdout.write(`wrote ${FACTS_FILE} from ${facts.source}\n`);
