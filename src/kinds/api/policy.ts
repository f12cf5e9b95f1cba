/**
 * The REST API's resource policy (x-amazon-apigateway-policy, api.yaml `policy:`).
 *
 * The model holds one canonical text of the policy document: JSON with IAM's key order
 * (Version, Id, Statement; Sid, Effect, Principal, Action, Resource, Condition…; other keys
 * sorted) and two-space indents. Both sides are brought to it, so key order and whitespace
 * are never a difference, and a changed policy reads as a line diff in the plan.
 *
 * AWS rewrites the policy on the way in: `execute-api:/…` in Resource/NotResource becomes
 * the API's own ARN (`arn:aws:execute-api:<region>:<account>:<apiId>/…`), and GetRestApi
 * returns the document minified with every `"` and `/` escaped. Reading it back, the API's
 * own ARN is turned into the shorthand again — unless the state spells that ARN out, in
 * which case the state's spelling is kept when the two mean the same.
 */
type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const TOP_ORDER = ['Version', 'Id', 'Statement'];
const STATEMENT_ORDER = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

function ordered(o: Json, first: readonly string[], inner: (k: string, v: unknown) => unknown): Json {
  const keys = Object.keys(o).sort((a, b) => {
    const ia = first.indexOf(a);
    const ib = first.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? first.length : ia) - (ib < 0 ? first.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(keys.map((k) => [k, inner(k, o[k])]));
}

const sortedDeep = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortedDeep) : isObj(v) ? ordered(v, [], (_k, x) => sortedDeep(x)) : v;
const statement = (s: unknown): unknown => (isObj(s) ? ordered(s, STATEMENT_ORDER, (_k, x) => sortedDeep(x)) : s);

/** A policy document (object or JSON text) → the canonical text; undefined when it is not a JSON object. */
export function policyText(v: unknown): string | undefined {
  let doc = v;
  if (typeof v === 'string') {
    try {
      doc = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!isObj(doc)) return undefined;
  const canonical = ordered(doc, TOP_ORDER, (k, x) =>
    k === 'Statement' ? (Array.isArray(x) ? x.map(statement) : statement(x)) : sortedDeep(x),
  );
  return JSON.stringify(canonical, null, 2);
}

/** The canonical text → the compact JSON sent to AWS. */
export const compactPolicy = (text: string): string => JSON.stringify(JSON.parse(text));

/** The canonical text → the document (import writes it as YAML). */
export const policyDocument = (text: string): unknown => JSON.parse(text);

/** GetRestApi's `policy`: minified, `"` and `/` escaped (AWS); plain JSON is taken too. */
function parseAwsPolicy(raw: string): unknown {
  try {
    return JSON.parse(JSON.parse(`"${raw}"`) as string);
  } catch {
    try {
      return JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resource/NotResource ARNs of this API (any region and account) back to AWS's `execute-api:` shorthand. */
function collapseOwnArns(doc: unknown, apiId: string): unknown {
  if (!isObj(doc) || !apiId) return doc;
  const own = new RegExp(`^arn:[a-z-]+:execute-api:[a-z0-9-]+:\\d{12}:${escapeRe(apiId)}(?=/|$)`);
  const one = (x: unknown) => (typeof x === 'string' ? x.replace(own, 'execute-api:') : x);
  const res = (v: unknown) => (Array.isArray(v) ? v.map(one) : one(v));
  const fix = (s: unknown) =>
    isObj(s)
      ? {
          ...s,
          ...('Resource' in s ? { Resource: res(s.Resource) } : {}),
          ...('NotResource' in s ? { NotResource: res(s.NotResource) } : {}),
        }
      : s;
  return { ...doc, Statement: Array.isArray(doc.Statement) ? doc.Statement.map(fix) : fix(doc.Statement) };
}

/**
 * The live policy as the model holds it: parsed, the API's own ARN as the shorthand; the
 * declared text when it means the same (it may spell the ARN out).
 */
export function livePolicy(raw: unknown, apiId: string, declared?: string): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const doc = parseAwsPolicy(raw);
  if (doc === undefined) return raw;
  const live = policyText(collapseOwnArns(doc, apiId));
  if (declared !== undefined && live !== undefined && policyText(collapseOwnArns(JSON.parse(declared), apiId)) === live)
    return declared;
  return live;
}

/** "2 statements: Allow, Deny" — what a reviewer sees of a new policy (its text is in the files). */
export function policySummary(text: string): string {
  const doc = JSON.parse(text) as Json;
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return `${list.length} statement${list.length === 1 ? '' : 's'}: ${list.map((s) => (isObj(s) ? String(s.Effect) : '?')).join(', ')}`;
}

/** Statements of a canonical policy text, each as its canonical JSON. */
function statements(text: string | undefined, effect: 'Allow' | 'Deny'): Set<string> {
  if (text === undefined) return new Set();
  const doc = JSON.parse(text) as Json;
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return new Set(list.filter((s) => isObj(s) && s.Effect === effect).map((s) => JSON.stringify(s)));
}

/**
 * Why a policy change may turn away a client that gets through today: a policy where there
 * was none (whatever it does not allow is denied), a new or changed Deny statement, an Allow
 * statement removed or changed.
 */
export function policyTightened(before: string | undefined, after: string | undefined): string[] {
  if (before === after || after === undefined) return [];
  if (before === undefined) return ['resource policy added: requests it does not allow are denied'];
  const out: string[] = [];
  const bd = statements(before, 'Deny');
  if ([...statements(after, 'Deny')].some((s) => !bd.has(s)))
    out.push('resource policy denies more (a new or changed Deny statement)');
  const aa = statements(after, 'Allow');
  if ([...statements(before, 'Allow')].some((s) => !aa.has(s)))
    out.push('resource policy allows less (an Allow statement removed or changed)');
  return out;
}
