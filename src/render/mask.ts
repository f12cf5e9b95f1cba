/**
 * Secret masking, applied to every plan and drift output before it is rendered (the
 * renderers call it themselves, so no output can skip it). Plan files keep real values:
 * apply needs them.
 *
 * By name — values of user-named entries (stage variables, request/response parameters,
 * headers, tags) whose names look like credentials (password, secret, token, api key,
 * authorization, credential, private key, …) or are listed in ApiModel.secrets.
 * Model field names (`credentials` = an IAM role ARN, `apiKeySource`) are not user names
 * and are not masked by name. Boolean values (a parameter's "required" flag) are not
 * secrets; a value that only references another parameter (`method.request.header.X`) is not.
 * By value — anything that looks like a credential wherever it appears: AWS access key ids,
 * `Bearer …`, JWTs, long hex or base64 tokens.
 * By field — fields that stand for a secret (`sensitive` in their kind's field table: an
 * API key value's hash), whatever their value looks like.
 * Old and new values alike become `(sensitive)`. A changed secret still shows as a changed
 * field (the line is there), without telling what it changed from or to.
 */
import type { Change, FieldChange } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import type { DriftReport } from '../model/drift.js';
import { splitPath } from '../diff/fields.js';
import { kindOf, sensitiveFields, userKeyedFields } from '../kinds/registry.js';

export const MASK = '(sensitive)';

/**
 * Keys of maps whose entries are named by users (so their names may say "secret"): every
 * field-table row marked `userKeys`, plus the maps outside the kinds (rollout canary settings).
 */
const USER_MAPS = new Set([...userKeyedFields(), 'tags', 'headers', 'stageVariableOverrides']);

/** Model fields that stand for a secret (an API key value's hash): masked whatever their value looks like. */
const SENSITIVE_FIELDS = sensitiveFields();

const SENSITIVE_NAME =
  /passw(or)?d|passphrase|(^|[^a-z])pwd|secret|token|api[-_.]?key|authori[sz]ation|credential|private|access[-_.]?key|signature|cookie/i;

const REFERENCE =
  /^(method\.request\.|method\.response\.|integration\.response\.|context\.|stageVariables\.|\$request\.|\$context\.|\$stageVariables\.)/;

const SECRET_VALUES: RegExp[] = [
  /\b(AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\b/,
  /\bBearer\s+\S{8,}/i,
  /\bBasic\s+[A-Za-z0-9+/]{12,}={0,2}/,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/,
  /(^|[^0-9A-Fa-f])[0-9a-fA-F]{32,}([^0-9A-Fa-f]|$)/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];
const LONG_TOKEN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;

export interface MaskOptions {
  /** Names declared secret (ApiModel.secrets), matched case-insensitively, also as the last dotted part. */
  secretNames?: readonly string[];
}

export function isSensitiveName(name: string, opts: MaskOptions = {}): boolean {
  const lower = name.toLowerCase();
  const last = lower.slice(lower.lastIndexOf('.') + 1);
  if ((opts.secretNames ?? []).some((s) => s.toLowerCase() === lower || s.toLowerCase() === last)) return true;
  return SENSITIVE_NAME.test(name);
}

export function looksLikeSecretValue(value: string): boolean {
  if (SECRET_VALUES.some((re) => re.test(value))) return true;
  for (const m of value.matchAll(LONG_TOKEN)) {
    const t = m[0];
    const slashes = t.split('/').length - 1;
    if (/[A-Z]/.test(t) && /[a-z]/.test(t) && /[0-9]/.test(t) && slashes <= 2) return true;
  }
  return false;
}

/** Masks one value that sits under a sensitive name. */
function maskNamed(v: unknown): unknown {
  if (typeof v === 'boolean' || v === undefined || v === null) return v;
  if (typeof v === 'string' && REFERENCE.test(v)) return v;
  if (Array.isArray(v)) return v.map(maskNamed);
  if (typeof v === 'object')
    return Object.fromEntries(Object.keys(v as object).map((k) => [k, maskNamed((v as Record<string, unknown>)[k])]));
  return MASK;
}

/**
 * A masked deep copy. `inUserMap` says the object itself is a user-named map (a tags
 * change's before/after is the tag map).
 */
export function maskValue(v: unknown, opts: MaskOptions = {}, inUserMap = false): unknown {
  if (typeof v === 'string') return looksLikeSecretValue(v) ? MASK : v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => maskValue(x, opts));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (!inUserMap && SENSITIVE_FIELDS.has(k)) out[k] = x === undefined ? x : MASK;
    else if (inUserMap && isSensitiveName(k, opts)) out[k] = maskNamed(maskValue(x, opts));
    else out[k] = maskValue(x, opts, USER_MAPS.has(k));
  }
  return out;
}

function maskField(f: FieldChange, opts: MaskOptions, rootIsUserMap: boolean): FieldChange {
  const keys = splitPath(f.path);
  const named = keys.some((k, i) => (i === 0 ? rootIsUserMap : USER_MAPS.has(keys[i - 1])) && isSensitiveName(k, opts));
  const secret = !rootIsUserMap && SENSITIVE_FIELDS.has(keys[0]);
  const one = (v: unknown) =>
    secret ? (v === undefined ? v : MASK) : named ? maskNamed(maskValue(v, opts)) : maskValue(v, opts);
  const out: FieldChange = { path: f.path };
  if ('before' in f) out.before = one(f.before);
  if ('after' in f) out.after = one(f.after);
  return out;
}

export function maskChange(c: Change, opts: MaskOptions = {}): Change {
  const root = kindOf(c.target).userKeyed === true;
  const out: Change = { ...c, fields: c.fields.map((f) => maskField(f, opts, root)) };
  if ('before' in c) out.before = maskValue(c.before, opts, root);
  if ('after' in c) out.after = maskValue(c.after, opts, root);
  return out;
}

export function maskPlan(plan: Plan): Plan {
  return {
    ...plan,
    steps: plan.steps.map((s) => ({
      ...s,
      change: maskChange(s.change, { secretNames: plan.secrets?.[s.change.apiKey] }),
    })),
  };
}

export function maskDrift(report: DriftReport): DriftReport {
  return {
    ...report,
    items: report.items.map((i) => ({
      ...i,
      change: maskChange(i.change, { secretNames: report.secrets?.[i.apiKey] }),
    })),
  };
}
