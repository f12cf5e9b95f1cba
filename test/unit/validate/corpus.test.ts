/**
 * The invalid-input corpus: every case is a tiny gateway-state directory under
 * test/fixtures/state/invalid/<case>/ that must exit 1, report the expected problem at the
 * expected file and line, and print exactly its golden text (test/golden/validate/<case>.txt).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../../../src/cli/validate.js';
import { expectGolden } from '../../helpers/golden.js';

const BASE = 'test/fixtures/state/invalid';

// [case, file (relative to the case dir; '' = the dir itself), line, code]
const CASES: Array<[string, string, number, string]> = [
  ['alias-bomb', 'gateway.yaml', 1, 'yaml-alias-limit'],
  ['authorizer-incomplete', 'apis/a/api.yaml', 13, 'authorizer-incomplete'],
  ['authorizer-undefined', 'apis/a/api.yaml', 5, 'authorizer-undefined'],
  ['bad-api-folder', 'apis/My_API', 1, 'bad-api-folder'],
  ['bad-integration-type', 'apis/a/api.yaml', 6, 'invalid-value'],
  ['bad-kind', 'apis/a/api.yaml', 1, 'invalid-value'],
  ['bad-region', 'gateway.yaml', 1, 'invalid-value'],
  ['bad-route-key', 'apis/a/api.yaml', 4, 'bad-route-key'],
  ['cache-size', 'apis/a/api.yaml', 12, 'cache-size'],
  ['cache-ttl', 'apis/a/api.yaml', 12, 'cache-ttl'],
  ['component-conflict', 'apis/a/orders.openapi.yaml', 9, 'component-conflict'],
  ['duplicate-key', 'apis/a/api.yaml', 12, 'duplicate-key'],
  ['duplicate-route-files', 'apis/a/orders.openapi.yaml', 8, 'duplicate-route'],
  ['duplicate-route-inline', 'apis/a/api.yaml', 9, 'duplicate-route'],
  ['duplicate-service', 'apis/a/api.yaml', 7, 'duplicate-service'],
  ['http-api-api-keys', 'apis/h/api.yaml', 10, 'http-api-api-keys'],
  ['http-api-authorizer-type', 'apis/h/api.yaml', 12, 'http-api-authorizer-type'],
  ['http-api-cache', 'apis/h/api.yaml', 10, 'http-api-cache'],
  ['http-api-canary', 'apis/h/api.yaml', 12, 'http-api-canary'],
  ['http-api-integration-type', 'apis/h/api.yaml', 6, 'http-api-integration-type'],
  ['http-api-mapping-template', 'apis/h/api.yaml', 8, 'http-api-mapping-template'],
  ['http-api-request-validator', 'apis/h/api.yaml', 10, 'http-api-request-validator'],
  ['http-api-rest-settings', 'apis/h/api.yaml', 3, 'field-not-available'],
  ['http-timeout-too-low', 'apis/h/api.yaml', 7, 'integration-timeout'],
  ['invalid-json-syntax', 'apis/a/svc.openapi.yaml', 7, 'yaml-syntax'],
  ['many-problems', 'apis/a/api.yaml', 8, 'integration-timeout'],
  ['mapping-from-undeclared', 'apis/a/api.yaml', 8, 'mapping-from-undeclared'],
  ['missing-api-yaml', 'apis/a', 1, 'missing-api-yaml'],
  ['missing-gateway-yaml', '', 1, 'missing-gateway-yaml'],
  ['missing-integration', 'apis/a/svc.openapi.yaml', 5, 'missing-integration'],
  ['missing-region', 'gateway.yaml', 1, 'missing-key'],
  ['no-apis', '', 1, 'no-apis'],
  ['openapi-file-missing', 'apis/a/api.yaml', 4, 'openapi-file-missing'],
  ['openapi-path-escape', 'apis/a/api.yaml', 4, 'path-escape'],
  ['openapi-version', 'apis/a/svc.openapi.yaml', 1, 'openapi-version'],
  ['ref-escape', 'apis/a/svc.openapi.yaml', 9, 'ref-escape'],
  ['ref-missing', 'apis/a/svc.openapi.yaml', 9, 'ref-missing'],
  ['remote-ref', 'apis/a/svc.openapi.yaml', 6, 'remote-ref'],
  ['rest-api-jwt', 'apis/a/api.yaml', 13, 'rest-api-jwt'],
  ['rest-timeout-too-high', 'apis/a/api.yaml', 7, 'integration-timeout'],
  ['rollout-default-steps', 'gateway.yaml', 4, 'rollout-steps-order'],
  ['rollout-stage-missing', 'apis/a/api.yaml', 13, 'rollout-stage-missing'],
  ['rollout-stage-unknown', 'apis/a/api.yaml', 13, 'rollout-stage-unknown'],
  ['rollout-step-range', 'apis/a/api.yaml', 14, 'rollout-step-range'],
  ['rollout-steps-end', 'apis/a/api.yaml', 14, 'rollout-steps-end'],
  ['rollout-steps-order', 'apis/a/api.yaml', 14, 'rollout-steps-order'],
  ['route-greedy-not-last', 'apis/h/api.yaml', 4, 'route-greedy-not-last'],
  ['route-variable-conflict', 'apis/a/api.yaml', 4, 'route-variable-conflict'],
  ['security-scheme-conflict', 'apis/a/orders.openapi.yaml', 10, 'security-scheme-conflict'],
  ['security-scheme-undefined', 'apis/a/svc.openapi.yaml', 6, 'security-scheme-undefined'],
  ['swagger-missing-integration', 'apis/a/svc.openapi.yaml', 6, 'missing-integration'],
  ['throttling-negative', 'apis/a/api.yaml', 12, 'throttling-negative'],
  ['unknown-key-gateway', 'gateway.yaml', 2, 'unknown-key'],
  ['unknown-key-stage', 'apis/a/api.yaml', 12, 'unknown-key'],
  ['unknown-key-typo', 'apis/a/api.yaml', 10, 'unknown-key'],
  ['unsupported-security-scheme', 'apis/a/svc.openapi.yaml', 10, 'unsupported-security-scheme'],
  ['uri-placeholder-unmapped', 'apis/a/api.yaml', 7, 'uri-placeholder-unmapped'],
  ['validator-undefined', 'apis/a/api.yaml', 5, 'validator-undefined'],
  ['yaml-syntax', 'apis/a/api.yaml', 5, 'yaml-syntax'],
  // Refusals AWS makes, caught at validate (issue 12 §3), and extensions that are refused (§2).
  ['api-key-source-invalid', 'apis/a/svc.openapi.yaml', 8, 'api-key-source-invalid'],
  ['authorizer-cache-identity', 'apis/a/svc.openapi.yaml', 11, 'authorizer-cache-identity'],
  ['compression-size-range', 'apis/a/svc.openapi.yaml', 8, 'compression-size-range'],
  ['cors-credentials-wildcard', 'apis/h/api.yaml', 4, 'cors-credentials-wildcard'],
  ['cors-max-age', 'apis/h/api.yaml', 4, 'cors-max-age'],
  ['documentation-refused', 'apis/a/svc.openapi.yaml', 8, 'extension-refused'],
  ['extension-not-for-kind', 'apis/a/svc.openapi.yaml', 8, 'extension-not-for-kind'],
  ['extension-unknown', 'apis/a/svc.openapi.yaml', 8, 'extension-unknown'],
  ['gateway-response-parameter', 'apis/a/svc.openapi.yaml', 11, 'gateway-response-parameter'],
  ['gateway-response-status', 'apis/a/svc.openapi.yaml', 10, 'gateway-response-status'],
  ['gateway-response-type', 'apis/a/svc.openapi.yaml', 9, 'gateway-response-type'],
  ['http-authorizer-no-type', 'apis/h/svc.openapi.yaml', 11, 'unsupported-security-scheme'],
  ['http-integration-subtype', 'apis/h/svc.openapi.yaml', 9, 'http-integration-subtype'],
  ['http-payload-format', 'apis/h/svc.openapi.yaml', 11, 'http-payload-format'],
  ['http-request-parameter', 'apis/h/svc.openapi.yaml', 12, 'http-request-parameter'],
  ['http-response-parameter', 'apis/h/svc.openapi.yaml', 14, 'http-response-parameter'],
  ['importexport-version', 'apis/h/svc.openapi.yaml', 8, 'importexport-version'],
  ['policy-invalid', 'apis/a/svc.openapi.yaml', 11, 'policy-invalid'],
  ['private-api-without-policy', 'apis/a/api.yaml', 3, 'private-api-without-policy'],
  ['security-policy-refused', 'apis/a/svc.openapi.yaml', 8, 'extension-refused'],
  ['vpc-endpoints-not-private', 'apis/a/svc.openapi.yaml', 7, 'vpc-endpoints-not-private'],
  // Stage settings AWS refuses (issue 13): WAF and execution logs on HTTP APIs, route settings for no route, access logs, web ACL scope.
  ['access-log-destination', 'apis/h/api.yaml', 11, 'access-log-destination'],
  ['access-log-format', 'apis/a/api.yaml', 12, 'access-log-format'],
  ['http-api-execution-logs', 'apis/h/api.yaml', 13, 'http-api-execution-logs'],
  ['http-api-waf', 'apis/h/api.yaml', 10, 'http-api-waf'],
  ['route-settings-unknown-route', 'apis/a/api.yaml', 11, 'route-settings-unknown-route'],
  ['web-acl-scope', 'apis/a/api.yaml', 10, 'web-acl-scope'],
  // WebSocket APIs: what AWS refuses on them, caught at validate (issue 14), in api.yaml and the routes file.
  ['websocket-authorization', 'apis/w/routes.yaml', 7, 'websocket-authorization'],
  ['websocket-authorizer-type', 'apis/w/api.yaml', 5, 'websocket-authorizer-type'],
  ['websocket-canary', 'apis/w/api.yaml', 8, 'websocket-canary'],
  ['websocket-gateway-responses', 'apis/w/api.yaml', 6, 'websocket-gateway-responses'],
  ['websocket-route-key', 'apis/w/routes.yaml', 5, 'websocket-route-key'],
];

describe('invalid gateway-state corpus', () => {
  it('has a table row for every case directory (and at least 40 cases)', () => {
    const dirs = readdirSync(BASE).sort();
    expect(CASES.map((c) => c[0]).sort()).toEqual(dirs);
    expect(dirs.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%s → exit 1, %s:%i [%s]', async (name, file, line, code) => {
    const dir = `${BASE}/${name}`;
    const text = await runValidate(dir);
    expect(text.code).toBe(1);
    expectGolden(`validate/${name}.txt`, text.stdout);

    const json = JSON.parse((await runValidate(dir, { format: 'json' })).stdout) as {
      valid: boolean;
      issues: Array<{ severity: string; code: string; location: { file: string; line: number; column: number } }>;
    };
    expect(json.valid).toBe(false);
    const expectedFile = file ? `${dir}/${file}` : dir;
    const hit = json.issues.find(
      (i) => i.severity === 'error' && i.code === code && i.location.file === expectedFile && i.location.line === line,
    );
    expect(hit, JSON.stringify(json.issues, null, 1)).toBeDefined();
    // Every issue of the text output carries file:line:column and a fix.
    for (const i of json.issues)
      expect(text.stdout).toContain(`${i.location.file}:${i.location.line}:${i.location.column}: ${i.severity}`);
  });
});
