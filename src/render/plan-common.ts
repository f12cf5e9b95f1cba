/**
 * What the plan and drift renderers share: grouping of changes (API → API-level →
 * authorizers/validators/models → stages → routes with their integrations), value
 * formatting, the summary line. Input is already masked (see mask.ts).
 */
import type { ApiKind } from '../model/api.js';
import type { Change, ChangeAction, ChangeTarget } from '../model/change.js';
import type { Plan, PlanSummary } from '../model/plan.js';
import { MASK } from './mask.js';
import { ACCOUNT_KINDS, KINDS, kindOf } from '../kinds/registry.js';
import { ACCOUNT_KEY } from '../model/account.js';

export const KIND_LABEL: Record<ApiKind, string> = {
  RestApi: 'REST API',
  HttpApi: 'HTTP API',
  WebSocketApi: 'WebSocket API',
};

export const SYMBOL: Record<ChangeAction | 'replace', string> = { create: '+', update: '~', delete: '-', replace: '±' };

/** How people call each kind ("request validator"), from the registry. */
export const TARGET_LABEL = Object.fromEntries([...KINDS, ...ACCOUNT_KINDS].map((k) => [k.target, k.label])) as Record<
  ChangeTarget,
  string
>;

/** The account-scope group's name where an API's key would stand. */
export const ACCOUNT_GROUP_NAME = 'account';

/** True for the group of account-scope changes (custom domains, VPC links, …). */
export function isAccountGroup(g: { apiKey: string }): boolean {
  return g.apiKey === ACCOUNT_KEY;
}

/** A group's name (`shop`, or `account`) and what it is (`REST API`, or the kinds it changes: `client certificates, VPC links`). */
export function groupTitle(g: Pick<ApiGroup, 'apiKey' | 'apiKind' | 'all'>): { name: string; kind: string } {
  if (!isAccountGroup(g)) return { name: g.apiKey, kind: KIND_LABEL[g.apiKind] };
  const labels = ACCOUNT_KINDS.filter((k) => g.all.some((c) => c.target === k.target)).map((k) => `${k.label}s`);
  return { name: ACCOUNT_GROUP_NAME, kind: labels.join(', ') || 'account resources' };
}

/** One route's changes: the method-level change and/or its integration's (WebSocket: and its responses'). */
export interface RouteGroup {
  key: string;
  route?: Change;
  integration?: Change;
  /** WebSocket: the route's route responses and its integration's responses, each one change. */
  responses?: Change[];
}

export interface ApiGroup {
  apiKey: string;
  apiKind: ApiKind;
  /** `+` new API, `-` deleted, `±` replaced (kind changed), `~` otherwise. */
  action: ChangeAction | 'replace';
  apiLevel: Change[];
  definitions: Change[];
  stages: Change[];
  routes: RouteGroup[];
  other: Change[];
  all: Change[];
}

/** Kinds shown under an API's definitions (authorizers, validators, models, …), in registry order. */
const DEFINITION_ORDER: ChangeTarget[] = KINDS.filter((k) => k.section === 'definition').map((k) => k.target);
const ACCOUNT_ORDER: ChangeTarget[] = ACCOUNT_KINDS.map((k) => k.target);
const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `GET /users/{id}` → ['/users/{id}', 'GET'] for sorting by path, then method. */
function routeSortKey(key: string): [string, number] {
  if (key === '$default') return ['\uffff', 0];
  const i = key.indexOf(' ');
  return [key.slice(i + 1), METHOD_ORDER.indexOf(key.slice(0, i))];
}

export function compareRouteKeys(a: string, b: string): number {
  const [pa, ma] = routeSortKey(a);
  const [pb, mb] = routeSortKey(b);
  return pa < pb ? -1 : pa > pb ? 1 : ma - mb;
}

export function groupByApi(changes: Change[]): ApiGroup[] {
  const groups = new Map<string, ApiGroup>();
  for (const c of changes) {
    let g = groups.get(c.apiKey);
    if (!g) {
      g = {
        apiKey: c.apiKey,
        apiKind: c.apiKind,
        action: 'update',
        apiLevel: [],
        definitions: [],
        stages: [],
        routes: [],
        other: [],
        all: [],
      };
      groups.set(c.apiKey, g);
    }
    g.all.push(c);
    const section = kindOf(c.target).section;
    if (c.target === 'api') {
      g.apiLevel.push(c);
      g.apiKind = c.action === 'delete' && g.apiLevel.length > 1 ? g.apiKind : c.apiKind;
    } else if (section === 'api') g.apiLevel.push(c);
    else if (section === 'definition') g.definitions.push(c);
    else if (section === 'stage') g.stages.push(c);
    else if (section === 'route') {
      let r = g.routes.find((x) => x.key === c.name);
      if (!r) g.routes.push((r = { key: c.name }));
      if (c.target === 'route' || c.target === 'wsRoute') r.route = c;
      else if (c.target === 'integration') r.integration = c;
      else (r.responses ??= []).push(c);
    } else g.other.push(c);
  }
  for (const g of groups.values()) {
    const apiChanges = g.apiLevel.filter((c) => c.target === 'api');
    const created = apiChanges.find((c) => c.action === 'create');
    const deleted = apiChanges.some((c) => c.action === 'delete');
    g.action = created && deleted ? 'replace' : created ? 'create' : deleted ? 'delete' : 'update';
    if (created) g.apiKind = created.apiKind;
    g.apiLevel.sort((a, b) => (a.target === b.target ? (a.action === 'delete' ? -1 : 1) : a.target === 'api' ? -1 : 1));
    g.definitions.sort(
      (a, b) => DEFINITION_ORDER.indexOf(a.target) - DEFINITION_ORDER.indexOf(b.target) || a.name.localeCompare(b.name),
    );
    g.stages.sort((a, b) => a.name.localeCompare(b.name));
    // The account group: kind by kind in registry order, then by name.
    if (isAccountGroup(g))
      g.other.sort(
        (a, b) => ACCOUNT_ORDER.indexOf(a.target) - ACCOUNT_ORDER.indexOf(b.target) || a.name.localeCompare(b.name),
      );
    g.routes.sort((a, b) => compareRouteKeys(a.key, b.key));
  }
  return [...groups.values()].sort((a, b) => (a.apiKey < b.apiKey ? -1 : a.apiKey > b.apiKey ? 1 : 0));
}

/** Action of a route group as one symbol: the route's own, else its integration's, else an update of its responses. */
export function routeGroupAction(r: RouteGroup): ChangeAction {
  return (r.route ?? r.integration)?.action ?? 'update';
}

export function routeGroupChanges(r: RouteGroup): Change[] {
  return [r.route, r.integration, ...(r.responses ?? [])].filter((c): c is Change => c !== undefined);
}

/** `route response $default`, `integration responses $default, /4\d\d/`: a WebSocket route's responses change in one phrase. */
export function responsesPhrase(c: Change): string {
  const keys = Object.keys((c.after ?? c.before ?? {}) as object);
  return `${TARGET_LABEL[c.target]}${keys.length === 1 ? '' : 's'} ${keys.join(', ')}`;
}

/** A value as people read it: strings quoted, absent as `(none)`, masked as `(sensitive)`, long values cut. */
export function formatValue(v: unknown, opts: { max?: number } = {}): string {
  const max = opts.max ?? 80;
  if (v === undefined) return '(none)';
  if (v === MASK) return MASK;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(s: PlanSummary, changes: readonly Change[] = []): string {
  const parts = [`Plan: ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy`];
  if (s.redeploys > 0) parts.push(s.redeploys === 1 ? '1 API redeploys' : `${s.redeploys} APIs redeploy`);
  if (s.breaking > 0) parts.push(plural(s.breaking, 'breaking change', 'breaking changes'));
  const moves = changes.filter((c) => c.flags.movesTraffic).length;
  if (moves > 0) parts.push(plural(moves, 'change moves traffic', 'changes move traffic'));
  if (s.security) parts.push(plural(s.security, 'security-relevant change', 'security-relevant changes'));
  return `${parts.join('; ')}.`;
}

export const NO_CHANGES = 'No changes. Live matches gateway-state.';

/** APIs and account records the plan adopts (no owner id yet): apply tags them with the plan's owner. Undefined when none. */
export function adoptionNote(plan: Pick<Plan, 'adopt' | 'owner' | 'adoptAccount'>): string | undefined {
  if (!plan.owner) return undefined;
  const notes: string[] = [];
  if (plan.adopt?.length) {
    const n = plan.adopt.length;
    notes.push(
      `Adopts ${n} API${n === 1 ? '' : 's'} that carr${n === 1 ? 'ies' : 'y'} no owner id yet (managed before owners existed, or imported): ${plan.adopt.join(', ')}; apply tags ${n === 1 ? 'it' : 'them'} apigw-sync:owner=${plan.owner}.`,
    );
  }
  if (plan.adoptAccount?.length) {
    const n = plan.adoptAccount.length;
    const names = plan.adoptAccount.map((r) => `${TARGET_LABEL[r.target]} ${r.key}`).join(', ');
    notes.push(
      `Adopts ${n} account record${n === 1 ? '' : 's'} gateway-state names that carr${n === 1 ? 'ies' : 'y'} no owner id yet: ${names}; apply tags ${n === 1 ? 'it' : 'them'} apigw-sync:owner=${plan.owner}.`,
    );
  }
  return notes.length ? notes.join(' ') : undefined;
}

export type FlagWord = 'redeploy' | 'BREAKING' | 'security' | 'moves traffic' | 'destroy';
const FLAG_ORDER: readonly FlagWord[] = ['redeploy', 'BREAKING', 'security', 'moves traffic', 'destroy'];

/** Flag words in display order. */
export function flagWords(c: Change): FlagWord[] {
  const out: FlagWord[] = [];
  if (c.flags.redeploy) out.push('redeploy');
  if (c.flags.breaking) out.push('BREAKING');
  if (c.flags.security) out.push('security');
  if (c.flags.movesTraffic) out.push('moves traffic');
  if (c.flags.destructive) out.push('destroy');
  return out;
}

/** Merged flags of several changes (a route and its integration). */
export function mergedFlagWords(cs: Change[]): FlagWord[] {
  const set = new Set(cs.flatMap(flagWords));
  return FLAG_ORDER.filter((w) => set.has(w));
}

const RESTATES_ACTION = new RegExp(`^(${KINDS.map((k) => k.label).join('|')}) (added|changed|deleted)$`);

/** Reasons that tell more than the action does ("route deleted" on a deleted route tells nothing). */
export function informativeReasons(c: Change): string[] {
  return c.flags.reasons.filter((r) => !RESTATES_ACTION.test(r));
}

/** One-line facts about something being created (what a reviewer wants to see of a new thing): the kind's `facts`. */
export function createFacts(c: Change): string[] {
  const facts: string[] = [];
  for (const [label, v, opts] of kindOf(c.target).facts?.((c.after ?? {}) as never) ?? []) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    facts.push(`${label}: ${opts?.raw && typeof v === 'string' ? v : formatValue(v)}`);
  }
  return facts;
}

/** `HTTP_PROXY https://…` — the integration of a new route, in one phrase. */
export function integrationPhrase(c: Change | undefined): string | undefined {
  const a = c?.after as { type?: string; uri?: string } | undefined;
  if (!a?.type) return undefined;
  return a.uri ? `${a.type} ${a.uri}` : a.type;
}

const isMultiline = (v: unknown) => typeof v === 'string' && v.includes('\n');

/** A value for a short place (a table cell): multi-line text (a policy, a template) as its line count. */
export function shortValue(v: unknown, max: number): string {
  return isMultiline(v) ? `(${(v as string).split('\n').length} lines)` : formatValue(v, { max });
}

/** True when a field holds multi-line text (mapping templates, schemas as text): shown line by line. */
export function isMultilineField(before: unknown, after: unknown): boolean {
  return isMultiline(before) || isMultiline(after);
}

/**
 * Line-level difference of two texts: the common head and tail are cut to one line of
 * context each, the middle is shown as removed (`-`) and added (`+`) lines.
 */
export function multilineDiff(before: unknown, after: unknown): string[] {
  const b = typeof before === 'string' ? before.split('\n') : before === undefined ? [] : [formatValue(before)];
  const a = typeof after === 'string' ? after.split('\n') : after === undefined ? [] : [formatValue(after)];
  let head = 0;
  while (head < b.length && head < a.length && b[head] === a[head]) head++;
  let tail = 0;
  while (tail < b.length - head && tail < a.length - head && b[b.length - 1 - tail] === a[a.length - 1 - tail]) tail++;
  const out: string[] = [];
  if (head > 1) out.push(`  … ${head - 1} unchanged line${head - 1 === 1 ? '' : 's'}`);
  if (head > 0) out.push(`  ${b[head - 1]}`);
  for (const l of b.slice(head, b.length - tail)) out.push(`- ${l}`);
  for (const l of a.slice(head, a.length - tail)) out.push(`+ ${l}`);
  if (tail > 0) out.push(`  ${b[b.length - tail]}`);
  if (tail > 1) out.push(`  … ${tail - 1} unchanged line${tail - 1 === 1 ? '' : 's'}`);
  return out;
}
