import { describe, expect, it } from 'vitest';
import {
  desiredStateDigest,
  fingerprintMatches,
  planFingerprint,
  shortFingerprint,
} from '../../../src/plan/fingerprint.js';
import type { GatewayModel } from '../../../src/model/api.js';
import type { LiveSnapshot } from '../../../src/model/live.js';
import { api, clone, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const desired = () =>
  gateway([
    api('shop', 'RestApi', {
      stages: { prod: stage('prod', { variables: { a: '1', b: '2' } }) },
      routes: [route('RestApi', 'GET', '/x')],
    }),
  ]);
const live = () => snapshot([api('shop', 'RestApi', { routes: [route('RestApi', 'GET', '/x')] })]);

/** Rebuilds an object with its keys in reverse order, at every level. */
function reverseKeys<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(reverseKeys) as T;
  return Object.fromEntries(
    Object.entries(v as object)
      .reverse()
      .map(([k, x]) => [k, reverseKeys(x)]),
  ) as T;
}

describe('planFingerprint', () => {
  it('is a full sha256; people see 12 characters', () => {
    const fp = planFingerprint(desired(), live());
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(shortFingerprint(fp)).toBe(fp.slice(0, 12));
  });

  it("leaves out the empty wsRoutes of REST and HTTP APIs: their fingerprints (and approvals bound to them) are the same as before WebSocket support; a WebSocket API's routes count", () => {
    const withoutWs = <T extends { apis: Record<string, unknown> }>(g: T): T => {
      const out = clone(g);
      for (const a of Object.values(out.apis) as Array<{ wsRoutes?: unknown; model?: { wsRoutes?: unknown } }>) {
        if (a.model) delete a.model.wsRoutes;
        else delete a.wsRoutes;
      }
      return out;
    };
    expect(planFingerprint(withoutWs(desired()), withoutWs(live()))).toBe(planFingerprint(desired(), live()));
    expect(desiredStateDigest(withoutWs(desired()))).toEqual(desiredStateDigest(desired()));
    const ws = (routes: Record<string, unknown>) =>
      gateway([{ ...api('chat', 'WebSocketApi'), wsRoutes: routes } as never]);
    expect(desiredStateDigest(ws({ sendmessage: { routeKey: 'sendmessage' } })).apis.chat).not.toBe(
      desiredStateDigest(ws({})).apis.chat,
    );
  });

  it('does not depend on key order', () => {
    expect(planFingerprint(reverseKeys(desired()), reverseKeys(live()))).toBe(planFingerprint(desired(), live()));
  });

  it('ignores live ids and the tool tags (the apply writes its own lock tag)', () => {
    const l = live();
    l.apis.shop.ids.toolTags['apigw-sync:lock'] = 'me';
    l.apis.shop.ids.apiId = 'other';
    expect(planFingerprint(desired(), l)).toBe(planFingerprint(desired(), live()));
  });

  const edits: [string, (d: GatewayModel, l: LiveSnapshot) => void][] = [
    ['desired stage variable', (d) => (d.apis.shop.stages.prod.variables.b = '3')],
    ['desired route added', (d) => (d.apis.shop.routes['GET /y'] = route('RestApi', 'GET', '/y'))],
    ['desired defaults', (d) => (d.defaults.rollout = { steps: [50, 100] })],
    ['live integration uri', (_d, l) => (l.apis.shop.model.routes['GET /x'].integration.uri = 'https://changed/')],
    ['live api missing', (_d, l) => delete l.apis.shop],
    ['region', (d) => (d.region = 'us-east-1')],
    ['array order in desired', (d) => (d.apis.shop.binaryMediaTypes = ['b', 'a'])],
  ];
  it.each(edits)('changes when %s changes', (_name, edit) => {
    const d = desired();
    const l = live();
    edit(d, l);
    expect(planFingerprint(d, l)).not.toBe(planFingerprint(desired(), live()));
  });

  it('matches a full hash or a ≥12-char prefix, nothing shorter or different', () => {
    const fp = planFingerprint(desired(), live());
    expect(fingerprintMatches(fp, fp)).toBe(true);
    expect(fingerprintMatches(fp.slice(0, 12).toUpperCase(), fp)).toBe(true);
    expect(fingerprintMatches(fp.slice(0, 8), fp)).toBe(false);
    expect(fingerprintMatches('0'.repeat(12), fp)).toBe(fp.startsWith('0'.repeat(12)));
    expect(
      fingerprintMatches(
        clone(fp).replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
        fp,
      ),
    ).toBe(false);
  });
});
