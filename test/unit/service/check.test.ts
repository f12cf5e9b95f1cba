/**
 * A service's spec against the gateway (pure): each kind of problem at the spec's own
 * file:line:col with the other side, problems the gateway already had told apart, the
 * service's routes, and the typed errors when the gateway has no such API or service.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkServiceSpec,
  serviceRoutes,
  UnknownApiError,
  UnknownServiceError,
  BadServiceNameError,
} from '../../../src/service/index.js';
import { readStateDir, type StateFiles } from '../../../src/state/index.js';
import { renderServiceCheckText } from '../../../src/render/service-check-text.js';
import { renderServiceCheckMarkdown } from '../../../src/render/service-check-markdown.js';
import { gitAsLive } from '../../../src/engine/check-service.js';
import { buildPlan } from '../../../src/plan/index.js';
import { expectGolden } from '../../helpers/golden.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLE = readFileSync(join(ROOT, 'examples', 'service-repo', 'users.openapi.yaml'), 'utf8');
const files = await readStateDir(join(ROOT, 'gateway-state'));
const gw: StateFiles = { ...files, root: 'gateway-state' };
const check = (text: string, target: { apiKey?: string; service?: string } = {}, display = 'users.openapi.yaml') =>
  checkServiceSpec({
    files: gw,
    target: { apiKey: 'shop', service: 'users', ...target },
    spec: { displayPath: display, text },
  });

const edit = (pairs: Array<[string, string]>) =>
  pairs.reduce(
    (s, [a, b]) =>
      s.includes(a)
        ? s.replace(a, b)
        : (() => {
            throw new Error(`not in the spec: ${a}`);
          })(),
    EXAMPLE,
  );

describe('checkServiceSpec', () => {
  it('the example spec is valid; its routes are as the gateway will serve them', () => {
    const c = check(EXAMPLE);
    expect(c.valid).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.preexisting).toEqual([]);
    expect(c.unchanged).toBe(false);
    expect(serviceRoutes(c).map((r) => `${r.status} ${r.key}`)).toEqual([
      'changed GET /users',
      'unchanged POST /users',
      'unchanged DELETE /users/{user_id}',
      'unchanged GET /users/{user_id}',
      'unchanged GET /users/{user_id}/addresses',
      'added GET /users/{user_id}/preferences',
      'added PUT /users/{user_id}/preferences',
    ]);
  });

  it("the gateway's own copy is unchanged; removing a route from the spec removes it", () => {
    const own = files.files.get('apis/shop/users.openapi.yaml')!;
    expect(check(own).unchanged).toBe(true);
    expect(serviceRoutes(check(own)).every((r) => r.status === 'unchanged')).toBe(true);
    const without = own.replace(
      / {4}delete:\n {6}operationId: deleteUser\n {6}responses:\n {8}'204':\n {10}description: Deleted\n/,
      '',
    );
    expect(
      serviceRoutes(check(without))
        .filter((r) => r.status !== 'unchanged')
        .map((r) => `${r.status} ${r.key}`),
    ).toEqual(['removed DELETE /users/{user_id}']);
  });

  it.each([
    // [case, edits, kind, code, spec line, other side]
    [
      'a route another service already has',
      [['  /users/{user_id}/preferences:\n', '  /api/orders:\n']],
      'conflict',
      'duplicate-route',
      70,
      'gateway-state/apis/shop/orders.openapi.yaml:8:5',
    ],
    [
      'a shared component defined differently',
      [
        [
          '    Preferences:\n      type: object\n',
          '    NewOrder:\n      type: string\n    Preferences:\n      type: object\n',
        ],
      ],
      'conflict',
      'component-conflict',
      117,
      'gateway-state/apis/shop/orders.openapi.yaml:63:5',
    ],
    [
      'an auth scheme the API does not declare',
      [['      operationId: deleteUser\n', '      operationId: deleteUser\n      security: [ { partner-key: [] } ]\n']],
      'auth',
      'security-scheme-undefined',
      56,
      'gateway-state/apis/shop/api.yaml:22:3',
    ],
    [
      'a plain oauth2 scheme the API does not declare',
      [
        [
          'components:\n',
          'components:\n  securitySchemes:\n    OAuth2PasswordBearer: { type: oauth2, flows: { password: { tokenUrl: token, scopes: {} } } }\n',
        ],
      ],
      'auth',
      'unsupported-security-scheme',
      91,
      'gateway-state/apis/shop/api.yaml:22:3',
    ],
    ['a spec that is not OpenAPI 3.0', [['openapi: 3.0.3', 'openapi: 3.1.0']], 'spec', 'openapi-version', 4, undefined],
    [
      'a request validator the API does not define',
      [
        [
          "      x-amazon-apigateway-request-validator: body-and-params\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: { $ref: '#/components/schemas/Preferences' }",
          "      x-amazon-apigateway-request-validator: strict\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: { $ref: '#/components/schemas/Preferences' }",
        ],
      ],
      'spec',
      'validator-undefined',
      80,
      undefined,
    ],
  ] as Array<[string, Array<[string, string]>, string, string, number, string | undefined]>)(
    '%s: %s at the spec, the other side related',
    (_name, edits, kind, code, line, other) => {
      const c = check(edit(edits));
      expect(c.valid).toBe(false);
      const p = c.problems.find((x) => x.code === code);
      expect(p, JSON.stringify(c.problems, null, 1)).toBeDefined();
      expect(p!.kind).toBe(kind);
      expect(p!.location.file).toBe('users.openapi.yaml');
      expect(p!.location.line).toBe(line);
      if (other) expect((p!.related ?? []).map((r) => `${r.file}:${r.line}:${r.column}`)).toContain(other);
      // A problem of the spec never mentions the gateway's copy of it.
      expect(JSON.stringify(c.problems)).not.toContain('apis/shop/users.openapi.yaml');
    },
  );

  it('a route defined twice is refused, with where the other one is', () => {
    const rows = serviceRoutes(check(edit([['  /users/{user_id}/preferences:\n', '  /api/orders:\n']])));
    expect(rows.find((r) => r.key === 'GET /api/orders')).toMatchObject({
      status: 'refused',
      reason: 'also defined at gateway-state/apis/shop/orders.openapi.yaml:8:5',
    });
    expect(rows.find((r) => r.key === 'PUT /api/orders')?.status).toBe('added');
  });

  it("problems the gateway already had are not the spec's: reported apart, the spec stays valid", () => {
    const broken = new Map(gw.files);
    broken.set(
      'apis/shop/orders.openapi.yaml',
      broken
        .get('apis/shop/orders.openapi.yaml')!
        .replace(
          'x-amazon-apigateway-request-validator: body-and-params',
          'x-amazon-apigateway-request-validator: nope',
        ),
    );
    const c = checkServiceSpec({
      files: { ...gw, files: broken },
      target: { apiKey: 'shop' },
      spec: { displayPath: 'users.openapi.yaml', text: EXAMPLE },
    });
    expect(c.valid).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.preexisting.map((i) => [i.code, i.location.file])).toEqual([
      ['validator-undefined', 'gateway-state/apis/shop/orders.openapi.yaml'],
    ]);
  });

  it('unknown API, unknown service and bad names are typed errors that say what exists', () => {
    expect(() => check(EXAMPLE, { apiKey: 'shoop' })).toThrow(UnknownApiError);
    const described = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as UnknownApiError).describe();
      }
      return '';
    };
    expect(described(() => check(EXAMPLE, { apiKey: 'shoop' }))).toContain(
      "--api takes the API's folder name under apis/: chat, events, shop",
    );
    expect(() => check(EXAMPLE, { service: 'billing' })).toThrow(UnknownServiceError);
    expect(described(() => check(EXAMPLE, { service: 'billing' }))).toMatch(
      /^gateway-state\/apis\/shop\/api.yaml:\d+:\d+: no openapi entry of API shop names service "billing" \(its services: users, orders\)\n {2}fix: pass one of them as --service, or ask the gateway team to add an entry/,
    );
    expect(() => check(EXAMPLE, { service: 'Billing_Svc' })).toThrow(BadServiceNameError);
    // No --service: the file name names it.
    expect(check(EXAMPLE, { service: undefined }, 'specs/users.openapi.yaml').service).toBe('users');
  });
});

describe('check-service output (against gateway-state in Git)', () => {
  const input = (text: string) => {
    const c = check(text);
    const plan = c.valid
      ? buildPlan({
          desired: { ...c.after, apis: { shop: c.after.apis.shop } },
          live: gitAsLive(c.before, 'shop'),
          now: new Date('2026-12-01T00:00:00Z'),
        })
      : undefined;
    return { check: c, rows: serviceRoutes(c), against: 'gateway-state in Git (--offline)', ...(plan ? { plan } : {}) };
  };
  it('text and Markdown of a valid spec (golden)', () => {
    expectGolden('service/check-service.txt', renderServiceCheckText(input(EXAMPLE)));
    expectGolden('service/check-service.md', renderServiceCheckMarkdown(input(EXAMPLE)));
  });
  it('text and Markdown of a spec with conflicts (golden)', () => {
    const bad = edit([
      ['  /users/{user_id}/preferences:\n', '  /api/orders:\n'],
      ['      operationId: deleteUser\n', '      operationId: deleteUser\n      security: [ { partner-key: [] } ]\n'],
    ]);
    expectGolden('service/check-service-conflicts.txt', renderServiceCheckText(input(bad)));
    expectGolden('service/check-service-conflicts.md', renderServiceCheckMarkdown(input(bad)));
  });
});
