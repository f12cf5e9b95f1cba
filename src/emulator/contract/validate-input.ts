/**
 * Validates every request against the input shape AWS's service models give its operation
 * (the generated `input-rules.json`): required members, member types, enums, min/max
 * (length of strings, lists and maps; value of numbers) and patterns. A violation is what
 * AWS answers: API Gateway's BadRequestException, CloudWatch's ValidationError, the JSON 1.1
 * services' ValidationException, with the
 * Coral-style message ("1 validation error detected: Value 'x' at 'alarmName' failed to
 * satisfy constraint: Member must have length less than or equal to 255").
 *
 * Handlers keep their semantic checks (an authorizer type needing a URI, a stage in use…);
 * this layer only states what the models state, for every operation at once.
 */
import { AwsError, type EmuRequest, type ServiceName } from '../core/types.js';
import type { InputRules, OperationRules, RuleConstraint, RuleRef } from './input-rules-types.js';
// Imported, not read from disk next to this file: the compiled CLI bundles this module into dist/chunks/.
import INPUT_RULES from './input-rules.json' with { type: 'json' };

function loadRules(): InputRules {
  return INPUT_RULES as unknown as InputRules;
}

type Shapes = Record<string, RuleRef>;

function resolve(shapes: Shapes, ref: RuleRef): RuleRef & { type: string } {
  let out = ref;
  for (let i = 0; out.shape !== undefined && i < 20; i++) {
    const { shape, ...own } = out;
    out = { ...shapes[shape], ...own };
  }
  return { ...out, type: out.type ?? 'string' };
}

const lowerFirst = (s: string) => (s === '' ? s : s[0].toLowerCase() + s.slice(1));

/** How a value is shown in the message, as AWS does (strings quoted, long ones cut). */
function show(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${s.length > 100 ? `${s.slice(0, 100)}…` : s}'`;
}

class Collector {
  readonly problems: string[] = [];
  add(value: unknown, at: string, constraint: string): void {
    this.problems.push(`Value ${show(value)} at '${at}' failed to satisfy constraint: ${constraint}`);
  }
}

const NUMERIC = new Set(['integer', 'long', 'double', 'float']);

function checkConstraint(v: unknown, type: string, c: RuleConstraint | undefined, at: string, out: Collector): void {
  if (!c) return;
  if (c.enum && typeof v === 'string' && !c.enum.includes(v))
    out.add(v, at, `Member must satisfy enum value set: [${c.enum.join(', ')}]`);
  const size =
    typeof v === 'string'
      ? [...v].length
      : Array.isArray(v) || Buffer.isBuffer(v)
        ? v.length
        : type === 'map' && v && typeof v === 'object'
          ? Object.keys(v).length
          : undefined;
  const isNumber = NUMERIC.has(type) && typeof v === 'number';
  const what = isNumber ? 'value' : 'length';
  const measure = isNumber ? (v as number) : size;
  if (measure !== undefined) {
    if (c.min !== undefined && measure < c.min)
      out.add(v, at, `Member must have ${what} greater than or equal to ${c.min}`);
    if (c.max !== undefined && measure > c.max)
      out.add(v, at, `Member must have ${what} less than or equal to ${c.max}`);
  }
  if (c.pattern !== undefined && typeof v === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(c.pattern, 'u');
    } catch {
      re = undefined; // a Java-only construct: AWS's own check still applies in production
    }
    if (re && !re.test(v)) out.add(v, at, `Member must satisfy regular expression pattern: ${c.pattern}`);
  }
}

interface Walk {
  shapes: Shapes;
  /** rest-json bodies name nested members by `locationName`; JSON 1.0 and Query by member name. */
  wireNames: boolean;
  constraints: Record<string, RuleConstraint>;
  out: Collector;
}

/** Checks one value against its shape; `path` keys the constraints, `at` names it in messages. */
function check(w: Walk, ref: RuleRef, v: unknown, path: string, at: string): void {
  const s = resolve(w.shapes, ref);
  if (v === undefined || v === null) return;
  switch (s.type) {
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v)) return w.out.add(v, at, 'Member must be a structure');
      const o = v as Record<string, unknown>;
      for (const req of w.constraints[path]?.required ?? s.required ?? []) {
        const key = path !== '' && w.wireNames ? (s.members?.[req]?.locationName ?? req) : req;
        if (o[key] === undefined || o[key] === null)
          w.out.add(null, join(at, lowerFirst(req)), 'Member must not be null');
      }
      // The top level arrives keyed by member name (rebuilt from path, query, headers and body).
      for (const [name, m] of Object.entries(s.members ?? {})) {
        const key = path !== '' && w.wireNames ? (m.locationName ?? name) : name;
        check(w, m, o[key], path === '' ? name : `${path}.${name}`, join(at, lowerFirst(name)));
      }
      return;
    }
    case 'list':
      if (!Array.isArray(v)) return w.out.add(v, at, 'Member must be a list');
      checkConstraint(v, s.type, w.constraints[path], at, w.out);
      v.forEach((x, i) => check(w, s.member ?? {}, x, `${path}[]`, `${at}.${i + 1}.member`));
      return;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) return w.out.add(v, at, 'Member must be a map');
      checkConstraint(v, s.type, w.constraints[path], at, w.out);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        checkConstraint(k, 'string', w.constraints[`${path}{key}`], `${at}.key`, w.out);
        check(w, s.value ?? {}, x, `${path}{}`, `${at}.${k}`);
      }
      return;
    case 'boolean':
      if (typeof v !== 'boolean') w.out.add(v, at, 'Member must be a boolean');
      return;
    case 'integer':
    case 'long':
      if (typeof v !== 'number' || !Number.isInteger(v)) return w.out.add(v, at, 'Member must be an integer');
      return checkConstraint(v, s.type, w.constraints[path], at, w.out);
    case 'double':
    case 'float':
      if (typeof v !== 'number') return w.out.add(v, at, 'Member must be a number');
      return checkConstraint(v, s.type, w.constraints[path], at, w.out);
    case 'timestamp':
      if (typeof v !== 'number' && typeof v !== 'string') w.out.add(v, at, 'Member must be a timestamp');
      return;
    case 'blob':
      // JSON protocols carry blobs as base64: the constraints measure the bytes.
      if (typeof v === 'string') checkConstraint(Buffer.from(v, 'base64'), 'list', w.constraints[path], at, w.out);
      return;
    default:
      if (typeof v !== 'string') return w.out.add(v, at, 'Member must be a string');
      return checkConstraint(v, s.type, w.constraints[path], at, w.out);
  }
}

const join = (at: string, name: string) => (at === '' ? name : `${at}.${name}`);

/** The model's URI labels (`{restapi_id}`, `{resource-arn}`) bound to the request path's segments. */
function uriLabels(requestUri: string, rawPath: string): Record<string, string> {
  const pattern = requestUri
    .split('?')[0]
    .split('/')
    .filter((s) => s !== '');
  const segs = rawPath.split('/').filter((s) => s !== '');
  const out: Record<string, string> = {};
  pattern.forEach((p, i) => {
    const m = /^\{([^}+]+)(\+?)\}$/.exec(p);
    if (!m || segs[i] === undefined) return;
    const raw = m[2] === '+' ? segs.slice(i).join('/') : segs[i];
    try {
      out[m[1]] = decodeURIComponent(raw);
    } catch {
      out[m[1]] = raw;
    }
  });
  return out;
}

/** Text from a path, query or header, read as the member's type (a non-number stays text, and fails the type check). */
function fromText(shapes: Shapes, ref: RuleRef, text: string): unknown {
  const t = resolve(shapes, ref).type;
  if (NUMERIC.has(t)) return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  if (t === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** Rebuilds the operation's input (member names as the model has them) from a rest-json request. */
function restInput(shapes: Shapes, op: OperationRules, req: EmuRequest, rawPath: string): Record<string, unknown> {
  const input = resolve(shapes, op.input ?? {});
  const labels = uriLabels(op.http.requestUri, rawPath);
  const body =
    req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  const boundQuery = new Set<string>();
  const out: Record<string, unknown> = {};
  const members = Object.entries(input.members ?? {});
  for (const [name, m] of members) {
    const wire = m.locationName ?? name;
    if (m.location === 'uri') {
      if (labels[wire] !== undefined) out[name] = fromText(shapes, m, labels[wire]);
    } else if (m.location === 'querystring') {
      const t = resolve(shapes, m).type;
      if (t === 'map') continue;
      boundQuery.add(wire);
      const all = req.query.getAll(wire);
      if (all.length === 0) continue;
      out[name] =
        t === 'list'
          ? all.map((x) => fromText(shapes, resolve(shapes, m).member ?? {}, x))
          : fromText(shapes, m, all[0]);
    } else if (m.location === 'header') {
      const h = req.headers[wire.toLowerCase()];
      if (h !== undefined) out[name] = fromText(shapes, m, h);
    } else if (m.location === 'headers' || m.location === 'statusCode') {
      continue;
    } else if (input.payload === name) {
      if (resolve(shapes, m).type === 'structure') out[name] = body;
      else if (req.rawBody !== '') out[name] = req.rawBody;
    } else if (body[wire] !== undefined) {
      out[name] = body[wire];
    }
  }
  // A querystring map (GetExport's `parameters`) takes the query parameters no other member binds.
  for (const [name, m] of members) {
    if (m.location !== 'querystring' || resolve(shapes, m).type !== 'map') continue;
    const rest = [...req.query.entries()].filter(([k]) => !boundQuery.has(k));
    if (rest.length > 0) out[name] = Object.fromEntries(rest);
  }
  return out;
}

/** The error shape the model names for a wire code (`InvalidParameterValue` → `InvalidParameterValueException`), if any. */
export function errorShapeOf(service: ServiceName, code: string): string | undefined {
  const shapes = loadRules().services[service]?.errorShapes ?? {};
  if (code in shapes) return code;
  return Object.entries(shapes).find(([, e]) => e.code === code)?.[0];
}

/** The member an error shape carries its message in (`Message` for WAFv2 and Secrets Manager, `message` elsewhere). */
export function errorMessageMember(service: ServiceName, code: string): string {
  const shape = errorShapeOf(service, code);
  const members = shape ? loadRules().services[service]?.errorShapes[shape]?.members : undefined;
  return members?.includes('Message') ? 'Message' : 'message';
}

/** Whether the model lists the error (by wire code or shape name) for the operation. */
export function isListedError(service: ServiceName, operation: string, code: string): boolean {
  const shape = errorShapeOf(service, code);
  return shape !== undefined && (loadRules().services[service]?.operations[operation]?.errors ?? []).includes(shape);
}

export const VALIDATION_ERROR: Partial<Record<ServiceName, { status: number; code: string }>> = {
  apigateway: { status: 400, code: 'BadRequestException' },
  apigatewayv2: { status: 400, code: 'BadRequestException' },
  cloudwatch: { status: 400, code: 'ValidationError' },
  // AWS JSON 1.1 services answer Coral's model checks with ValidationException (WAFv2 too, not its own WAFInvalidParameterException).
  wafv2: { status: 400, code: 'ValidationException' },
  ssm: { status: 400, code: 'ValidationException' },
  secretsmanager: { status: 400, code: 'ValidationException' },
};

/** The problems found, without throwing (tests and the coverage script use it too). */
export function inputProblems(service: ServiceName, operation: string, input: Record<string, unknown>): string[] {
  const svc = loadRules().services[service];
  const op = svc?.operations[operation];
  if (!svc || !op?.input) return [];
  const w: Walk = {
    shapes: svc.shapes,
    wireNames: svc.protocol === 'rest-json',
    constraints: op.constraints,
    out: new Collector(),
  };
  check(w, op.input, input, '', '');
  return w.out.problems;
}

/**
 * Throws AWS's validation error when the request breaks its operation's modelled input
 * constraints. `json` is the decoded input for JSON 1.0 / Query requests; rest-json requests
 * are rebuilt from path, query, headers and body.
 */
export function validateInput(
  service: ServiceName,
  operation: string,
  req: EmuRequest,
  rawPath: string,
  json?: Record<string, unknown>,
): void {
  const err = VALIDATION_ERROR[service];
  const svc = loadRules().services[service];
  const op = svc?.operations[operation];
  if (!err || !svc || !op?.input) return;
  const input =
    json ??
    (svc.protocol === 'rest-json'
      ? restInput(svc.shapes, op, req, rawPath)
      : ((req.body ?? {}) as Record<string, unknown>));
  const problems = inputProblems(service, operation, input);
  if (problems.length === 0) return;
  const n = problems.length;
  throw new AwsError(
    err.status,
    err.code,
    `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
  );
}
