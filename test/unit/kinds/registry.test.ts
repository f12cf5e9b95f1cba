/**
 * The registry's invariants: what a new kind must fill in for the pipeline to pick it up,
 * checked here instead of discovered at apply time.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_KINDS,
  KINDS,
  TARGETS,
  accountStateDirs,
  emptyAccount,
  kindOf,
  targetRank,
  userKeyedFields,
} from '../../../src/kinds/registry.js';
import { accountOperations } from '../../../src/aws/account/commands.js';
import { rowsOf } from '../../../src/kinds/field.js';
import { readOperations } from '../../../src/aws/read/kinds.js';
import { writeOperations } from '../../../src/aws/apply/record-writer.js';
import type { ApiKind, OpenApiKind } from '../../../src/model/api.js';
import { apiFields, type ApiFieldsModel } from '../../../src/kinds/api/fields.js';
import { EXTENSIONS } from '../../../src/validate/rules/extensions/catalog.js';

const FLAVOURS: ApiKind[] = ['RestApi', 'HttpApi', 'WebSocketApi'];
const OPENAPI_FLAVOURS: OpenApiKind[] = ['RestApi', 'HttpApi'];
/** Targets only WebSocket APIs have. */
const WS_ONLY = ['wsRoute', 'routeResponse', 'integrationResponse'];

describe('the kind registry', () => {
  it('has one kind per change target, each with a label and a rank in every flavour', () => {
    expect(new Set(TARGETS).size).toBe(KINDS.length + ACCOUNT_KINDS.length);
    for (const k of KINDS) {
      expect(kindOf(k.target)).toBe(k);
      expect(k.label).toMatch(/^[a-z ]+$/);
      for (const f of FLAVOURS) expect(Number.isInteger(targetRank(f, k.target))).toBe(true);
    }
  });

  it('keeps the documented order table: API → tags → definitions → resources/methods → integrations → stages (v2: integrations before routes)', () => {
    const order = (f: ApiKind, targets: string[]) =>
      targets.sort(
        (a, b) =>
          targetRank(f, a as never) - targetRank(f, b as never) ||
          TARGETS.indexOf(a as never) - TARGETS.indexOf(b as never),
      );
    const apiTargets: string[] = KINDS.map((k) => k.target);
    const openapi = apiTargets.filter((t) => !WS_ONLY.includes(t));
    expect(order('RestApi', openapi)).toEqual([
      'api',
      'tags',
      'authorizer',
      'requestValidator',
      'model',
      'gatewayResponse',
      'route',
      'integration',
      'unusedIntegration',
      'stage',
      'deployment',
    ]);
    expect(order('HttpApi', openapi)).toEqual([
      'api',
      'tags',
      'authorizer',
      'requestValidator',
      'model',
      'gatewayResponse',
      'integration',
      'route',
      'unusedIntegration',
      'stage',
      'deployment',
    ]);
    // Stages after routes: their route settings name route keys (and drop them before a route goes).
    const ws = apiTargets.filter(
      (t) => !['route', 'requestValidator', 'gatewayResponse', 'unusedIntegration'].includes(t),
    );
    expect(order('WebSocketApi', ws)).toEqual([
      'api',
      'tags',
      'authorizer',
      'model',
      'integration',
      'wsRoute',
      'routeResponse',
      'integrationResponse',
      'stage',
      'deployment',
    ]);
  });

  it('names only read and write operations src/aws can send', () => {
    for (const k of KINDS) {
      for (const f of FLAVOURS) {
        const read = k.read?.[f];
        if (read) expect(readOperations(f), `${k.target} reads with ${read.op}`).toContain(read.op);
        const write = k.write?.[f];
        if (!write) continue;
        for (const op of [write.create.op, write.update?.op, write.delete.op].filter(Boolean))
          expect(writeOperations(f), `${k.target} writes with ${op}`).toContain(op);
      }
    }
  });

  it('gives every kind that is written generically a field table and a place in ApiModel', () => {
    for (const k of KINDS.filter((x) => x.write)) {
      expect(k.modelKey, k.target).toBeDefined();
      expect(rowsOf(k.fields ?? {}).length, k.target).toBeGreaterThan(0);
    }
  });

  it('masks by name the maps people name, from the field tables', () => {
    expect([...userKeyedFields()].sort()).toEqual(['requestParameters', 'responseParameters', 'variables']);
  });

  it('an OpenAPI extension a field table loads and imports is `managed` in the extension catalog for the API kinds that have the field', () => {
    for (const [field, row] of rowsOf<ApiFieldsModel>(apiFields)) {
      const ext = row.state?.ext;
      // `info.description` is a member of the document, not an extension.
      if (!ext?.startsWith('x-amazon-apigateway-')) continue;
      const entry = EXTENSIONS.find((e) => e.name === ext);
      expect(entry, `${ext} (api.${field}) is in src/validate/rules/extensions/catalog.ts`).toBeDefined();
      for (const f of OPENAPI_FLAVOURS) {
        const col = f === 'RestApi' ? row.rest : row.http;
        // A column that is only read (never written) is not the field: HTTP APIs read binary media types as [].
        if (col !== undefined && col.create !== false) expect(entry!.status[f], `${ext} on ${f}`).toBe('managed');
      }
    }
  });

  describe('account-scope kinds', () => {
    it('each is found by its target, has a place in AccountModel, a label, and names only operations src/aws/account can send', () => {
      const model = emptyAccount() as unknown as Record<string, unknown>;
      for (const k of ACCOUNT_KINDS) {
        expect(kindOf(k.target)).toBe(k);
        expect(k.label).toMatch(/^[A-Za-z ]+$/);
        expect(model[k.account.modelKey], k.target).toEqual({});
        for (const spec of k.account.read ?? [])
          expect(accountOperations(spec.flavour), `${k.target} reads with ${spec.op}`).toContain(spec.op);
        for (const [flavour, w] of Object.entries(k.account.write) as Array<
          [OpenApiKind, NonNullable<(typeof k.account.write)[OpenApiKind]>]
        >) {
          const ops = [
            w.create.op,
            w.update?.op,
            w.delete.op,
            w.waitUntilReady?.op,
            ...(w.tags ? ['TagResource', 'UntagResource'] : []),
          ];
          for (const op of ops.filter(Boolean))
            expect(accountOperations(flavour), `${k.target} writes with ${op}`).toContain(op);
          // A kind that takes tags can be re-tagged (renames, user tags, adoption): it needs its ARN.
          if (w.tags) expect(w.arnPath, k.target).toBeDefined();
        }
      }
    });

    it('keeps one gateway-state folder per kind that has files', () => {
      const dirs = accountStateDirs();
      expect(new Set(dirs).size).toBe(dirs.length);
      for (const d of dirs) expect(d).toMatch(/^[a-z][a-z-]+$/);
      expect(dirs).not.toContain('apis');
    });
  });
});
