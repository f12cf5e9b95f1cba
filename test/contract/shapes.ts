/**
 * Model-driven values for the contract test: inputs generated from an operation's input
 * shape (respecting enums, lengths, ranges and patterns), and responses checked against its
 * output shape (member names, types, enums, required members, timestamp format, nothing the
 * model does not have). Everything here reads AWS's models (scripts/aws-models), nothing
 * the emulator says about itself.
 */
import { resolve, type MemberFacts, type ServiceModel, type ShapeRef } from '../../scripts/aws-models/models.js';

export type Mode = 'required' | 'full';

export interface GenContext {
  model: ServiceModel;
  operation: string;
  mode: Mode;
  /** A value for a member the model cannot fill meaningfully (an identifier, a URI…), by member name and path. */
  bind: (name: string, path: string) => unknown;
}

/** Strings that satisfy the patterns the models state (a generator for arbitrary regexes is not worth it). */
const PATTERN_SAMPLES: Record<string, string> = {
  '[1-5]\\d\\d': '200',
  '^([1-5]\\d\\d|\\*|\\s*)$': '200',
  '^[a-z0-9]+$': 'contract1234',
  '[^:].*': 'Contract',
  '([/])|([/](([^~])|(~[01]))+)': '/contract',
  '^([a-z]+-)+\\d+$': 'eu-west-1',
  '^[0-9A-Za-z_\\-:]+:$': 'awswaf:contract:',
  '^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$': '12345678-1234-1234-1234-123456789012',
};

function sampleString(c: MemberFacts | undefined, name: string): string {
  if (c?.enum) return c.enum[0];
  let s = c?.pattern !== undefined ? PATTERN_SAMPLES[c.pattern] : undefined;
  if (s === undefined && c?.pattern !== undefined) {
    s = 'contract';
    if (!new RegExp(c.pattern, 'u').test(s))
      throw new Error(`no sample string for pattern ${c.pattern} (member ${name}): add one to PATTERN_SAMPLES`);
  }
  s ??= 'contract';
  if (c?.min !== undefined && s.length < c.min) s = s.padEnd(c.min, 'x');
  if (c?.max !== undefined && s.length > c.max) s = s.slice(0, c.max);
  return s;
}

function sampleNumber(c: MemberFacts | undefined, integer: boolean): number {
  let n = c?.min !== undefined ? Math.max(c.min, 1) : 1;
  if (c?.max !== undefined && n > c.max) n = c.max;
  return integer ? Math.ceil(n) : n;
}

/**
 * Whether a value of `ref` must, through required members only, contain a shape on `onPath`:
 * a recursive model (WAF's Statement inside AndStatement inside Statement) where the full input
 * has to stop, or it would be cut at the depth limit with required members missing.
 */
function mustRecurse(
  model: ServiceModel,
  ref: ShapeRef,
  onPath: ReadonlySet<string>,
  seen = new Set<string>(),
): boolean {
  if (ref.shape !== undefined) {
    if (onPath.has(ref.shape)) return true;
    if (seen.has(ref.shape)) return false;
    seen.add(ref.shape);
  }
  const s = resolve(model, ref);
  if (s.type === 'structure')
    return (s.required ?? []).some((m) => s.members?.[m] && mustRecurse(model, s.members[m], onPath, seen));
  if (s.type === 'list') return mustRecurse(model, s.member ?? {}, onPath, seen);
  if (s.type === 'map') return mustRecurse(model, s.value ?? {}, onPath, seen);
  return false;
}

/** A model-valid value for `ref` (undefined: leave the member out). */
export function generate(
  ctx: GenContext,
  ref: ShapeRef,
  name: string,
  path: string,
  depth = 0,
  onPath: ReadonlySet<string> = new Set(),
): unknown {
  const bound = ctx.bind(name, path);
  if (bound !== undefined) return bound;
  const s = resolve(ctx.model, ref);
  const c = ctx.model.facts.operations[ctx.operation]?.input[path];
  const inner = ref.shape !== undefined ? new Set(onPath).add(ref.shape) : onPath;
  switch (s.type) {
    case 'structure': {
      if (depth > 16) return undefined;
      const out: Record<string, unknown> = {};
      for (const [m, mref] of Object.entries(s.members ?? {})) {
        const required = (
          ctx.model.facts.operations[ctx.operation]?.input[path]?.required ??
          s.required ??
          []
        ).includes(m);
        if (ctx.mode === 'required' && !required) continue;
        if (mref.idempotencyToken) continue;
        if (!required && mustRecurse(ctx.model, mref, inner)) continue;
        const v = generate(ctx, mref, m, path === '' ? m : `${path}.${m}`, depth + 1, inner);
        if (v !== undefined) out[m] = v;
      }
      return out;
    }
    case 'list': {
      const v = generate(ctx, s.member ?? {}, name, `${path}[]`, depth + 1, inner);
      return v === undefined ? undefined : [v];
    }
    case 'map': {
      const k = sampleString(ctx.model.facts.operations[ctx.operation]?.input[`${path}{key}`], name);
      const v = generate(ctx, s.value ?? {}, name, `${path}{}`, depth + 1, inner);
      return v === undefined ? undefined : { [k]: v };
    }
    case 'boolean':
      return false;
    case 'integer':
    case 'long':
      return sampleNumber(c, true);
    case 'double':
    case 'float':
      return sampleNumber(c, false);
    case 'timestamp':
      return new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    case 'blob':
      return new TextEncoder().encode('contract');
    default:
      return sampleString(c, name);
  }
}

// ---------------------------------------------------------------- responses

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export interface OutputCheck {
  model: ServiceModel;
  operation: string;
  /** rest-json reads `locationName` as the JSON key; JSON 1.0 uses member names. */
  jsonNames: 'locationName' | 'memberName';
  /** The protocol's timestamp format where the member does not say: rest-json and JSON 1.0 both default to epoch seconds. */
  defaultTimestamp: 'unixTimestamp' | 'iso8601';
}

function checkValue(ck: OutputCheck, ref: ShapeRef, v: unknown, path: string, at: string, out: string[]): void {
  const s = resolve(ck.model, ref);
  if (v === null) return void out.push(`${at}: null (AWS omits absent members)`);
  switch (s.type) {
    case 'structure': {
      if (typeof v !== 'object' || Array.isArray(v))
        return void out.push(`${at}: expected an object, got ${JSON.stringify(v)}`);
      const o = v as Record<string, unknown>;
      const byWire = new Map<string, [string, ShapeRef]>();
      for (const [m, mref] of Object.entries(s.members ?? {})) {
        if (mref.location) continue;
        byWire.set(ck.jsonNames === 'locationName' ? (mref.locationName ?? m) : m, [m, mref]);
      }
      const newer = ck.model.facts.operations[ck.operation]?.output[path]?.members ?? {};
      for (const key of Object.keys(o)) {
        if (byWire.has(key)) continue;
        // A member AWS added after the aws-sdk v2 models froze: known to botocore's copy, typed loosely.
        const t = newer[key];
        if (t === undefined) out.push(`${at ? `${at}.` : ''}${key}: a member the model does not have`);
        else if (t === 'string' && typeof o[key] !== 'string')
          out.push(`${at ? `${at}.` : ''}${key}: expected a string`);
      }
      for (const req of s.required ?? []) {
        const mref = s.members?.[req];
        if (
          mref &&
          !mref.location &&
          o[ck.jsonNames === 'locationName' ? (mref.locationName ?? req) : req] === undefined
        )
          out.push(`${at ? `${at}.` : ''}${req}: required by the model, missing`);
      }
      for (const [key, [m, mref]] of byWire) {
        if (o[key] !== undefined)
          checkValue(ck, mref, o[key], path === '' ? m : `${path}.${m}`, at ? `${at}.${key}` : key, out);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(v)) return void out.push(`${at}: expected a list`);
      v.forEach((x, i) => checkValue(ck, s.member ?? {}, x, `${path}[]`, `${at}[${i}]`, out));
      return;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) return void out.push(`${at}: expected a map`);
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        checkValue(ck, s.value ?? {}, x, `${path}{}`, `${at}.${k}`, out);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') out.push(`${at}: expected a boolean, got ${JSON.stringify(v)}`);
      return;
    case 'integer':
    case 'long':
      if (typeof v !== 'number' || !Number.isInteger(v))
        out.push(`${at}: expected an integer, got ${JSON.stringify(v)}`);
      return;
    case 'double':
    case 'float':
      if (typeof v !== 'number') out.push(`${at}: expected a number, got ${JSON.stringify(v)}`);
      return;
    case 'timestamp': {
      const format = s.timestampFormat ?? ck.defaultTimestamp;
      if (format === 'iso8601' && !(typeof v === 'string' && ISO_8601.test(v)))
        out.push(`${at}: expected an ISO 8601 timestamp, got ${JSON.stringify(v)}`);
      if (format === 'unixTimestamp' && typeof v !== 'number')
        out.push(`${at}: expected epoch seconds (a number), got ${JSON.stringify(v)}`);
      return;
    }
    case 'blob':
      if (typeof v !== 'string') out.push(`${at}: expected base64 text`);
      return;
    default: {
      if (typeof v !== 'string') return void out.push(`${at}: expected a string, got ${JSON.stringify(v)}`);
      const e = ck.model.facts.operations[ck.operation]?.output[path]?.enum;
      if (e && !e.includes(v))
        out.push(`${at}: ${JSON.stringify(v)} is not one of the model's values [${e.join(', ')}]`);
    }
  }
}

/** Problems of a successful response body against the operation's output shape ([] = valid). */
export function outputProblems(ck: OutputCheck, body: string, status: number): string[] {
  const op = ck.model.operations[ck.operation];
  const out: string[] = [];
  const expected = op.http.responseCode ?? 200;
  if (ck.jsonNames === 'locationName' && status !== expected) out.push(`HTTP ${status}, the model says ${expected}`);
  if (!op.output) {
    if (body.trim() !== '' && body.trim() !== '{}') out.push(`a body the model does not have: ${body.slice(0, 200)}`);
    return out;
  }
  const shape = resolve(ck.model, op.output);
  if (shape.payload !== undefined) {
    const p = resolve(ck.model, shape.members![shape.payload]);
    if (p.type !== 'structure') return out; // a document (GetExport, ExportApi): its bytes are the API's, not the model's
    return checkAt(ck, p, body, out);
  }
  return checkAt(ck, op.output, body, out);
}

function checkAt(ck: OutputCheck, ref: ShapeRef, body: string, out: string[]): string[] {
  let parsed: unknown = {};
  if (body.trim() !== '') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return [...out, `body is not JSON: ${body.slice(0, 200)}`];
    }
  }
  checkValue(ck, ref, parsed, '', '', out);
  return out;
}
