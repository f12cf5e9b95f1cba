/**
 * The AWS CLI against the emulator, as a scripted session that touches every operation the
 * emulator implements: requests built by botocore's own serializers from the CLI's own copy
 * of the models (not the SDK v3 the rest of the suite uses), so a wire-format mistake both
 * the emulator and SDK v3 share shows up here. The session ends by comparing the call log
 * with the route table: an operation added to the emulator without a CLI step fails it.
 *
 * Skips with a visible message when `aws` is not installed (.ci/run installs the Debian
 * package). test/helpers/awscli.ts runs the CLI (in one Python process when it can).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../../src/emulator/route-table.js';
import { awsCliEnv, awsCommand, startAwsCli, type AwsCli } from '../../helpers/awscli.js';
import { startTestEmulator, type Emu } from './core-setup.js';

const REGION = 'eu-west-1';
const KITCHEN_SINK = 'test/fixtures/state/kitchen-sink';

let emu: Emu;
let cli: AwsCli | undefined;
let dir: string;

beforeAll(async () => {
  cli = await startAwsCli(awsCliEnv(REGION));
  if (cli) emu = await startTestEmulator();
  dir = mkdtempSync(join(tmpdir(), 'awscli-'));
});
afterAll(async () => {
  cli?.close();
  await emu?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** One CLI command against the emulator; fails the test with the CLI's own stderr when it fails. */
const aws = (service: string, command: string, ...args: string[]) =>
  awsCommand(cli!, emu.url)(service, command, ...args);

const patch = (path: string, value: string, op = 'replace') => [
  '--patch-operations',
  `op=${op},path=${path},value=${value}`,
];

const LAMBDA = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:000000000000:function:auth/invocations`;

async function restSession(): Promise<void> {
  const doc = join(dir, 'rest.json');
  writeFileSync(
    doc,
    JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'cli-imported', version: '1' },
      paths: {
        '/things': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'mock',
              requestTemplates: { 'application/json': '{"statusCode": 200}' },
              responses: { default: { statusCode: '200' } },
            },
          },
        },
      },
    }),
  );
  const api = await aws('apigateway', 'create-rest-api', '--name', 'cli-rest');
  const a = ['--rest-api-id', String(api.id)];
  expect(((await aws('apigateway', 'get-rest-apis')).items as Array<{ name: string }>).map((x) => x.name)).toEqual([
    'cli-rest',
  ]);
  await aws('apigateway', 'get-rest-api', ...a);
  expect((await aws('apigateway', 'update-rest-api', ...a, ...patch('/description', 'from-the-cli'))).description).toBe(
    'from-the-cli',
  );
  const res = await aws(
    'apigateway',
    'create-resource',
    ...a,
    '--parent-id',
    String(api.rootResourceId),
    '--path-part',
    'items',
  );
  const r = [...a, '--resource-id', String(res.id)];
  await aws('apigateway', 'get-resources', ...a, '--embed', 'methods');
  await aws('apigateway', 'get-resource', ...r);
  await aws('apigateway', 'update-resource', ...r, ...patch('/pathPart', 'things'));
  const auth = await aws(
    'apigateway',
    'create-authorizer',
    ...a,
    '--name',
    'auth',
    '--type',
    'TOKEN',
    '--authorizer-uri',
    LAMBDA,
    '--identity-source',
    'method.request.header.Authorization',
  );
  await aws('apigateway', 'get-authorizers', ...a);
  await aws('apigateway', 'get-authorizer', ...a, '--authorizer-id', String(auth.id));
  await aws('apigateway', 'update-authorizer', ...a, '--authorizer-id', String(auth.id), ...patch('/name', 'auth2'));
  const validator = await aws(
    'apigateway',
    'create-request-validator',
    ...a,
    '--name',
    'body',
    '--validate-request-body',
  );
  await aws('apigateway', 'get-request-validators', ...a);
  await aws('apigateway', 'get-request-validator', ...a, '--request-validator-id', String(validator.id));
  await aws(
    'apigateway',
    'update-request-validator',
    ...a,
    '--request-validator-id',
    String(validator.id),
    ...patch('/name', 'body2'),
  );
  await aws(
    'apigateway',
    'create-model',
    ...a,
    '--name',
    'Item',
    '--content-type',
    'application/json',
    '--schema',
    '{"type":"object"}',
  );
  await aws('apigateway', 'get-models', ...a);
  await aws('apigateway', 'get-model', ...a, '--model-name', 'Item');
  await aws('apigateway', 'get-model-template', ...a, '--model-name', 'Item');
  await aws('apigateway', 'update-model', ...a, '--model-name', 'Item', ...patch('/description', 'an item'));
  const m = [...r, '--http-method', 'GET'];
  await aws('apigateway', 'put-method', ...m, '--authorization-type', 'NONE');
  await aws('apigateway', 'get-method', ...m);
  await aws('apigateway', 'update-method', ...m, ...patch('/operationName', 'getThings'));
  await aws('apigateway', 'put-method-response', ...m, '--status-code', '200');
  await aws('apigateway', 'get-method-response', ...m, '--status-code', '200');
  await aws(
    'apigateway',
    'update-method-response',
    ...m,
    '--status-code',
    '200',
    ...patch('/responseParameters/method.response.header.X-Id', 'false', 'add'),
  );
  await aws(
    'apigateway',
    'put-integration',
    ...m,
    '--type',
    'MOCK',
    '--request-templates',
    '{"application/json":"{\\"statusCode\\": 200}"}',
  );
  await aws('apigateway', 'get-integration', ...m);
  await aws('apigateway', 'update-integration', ...m, ...patch('/timeoutInMillis', '5000'));
  await aws('apigateway', 'put-integration-response', ...m, '--status-code', '200');
  await aws('apigateway', 'get-integration-response', ...m, '--status-code', '200');
  await aws(
    'apigateway',
    'update-integration-response',
    ...m,
    '--status-code',
    '200',
    ...patch('/contentHandling', 'CONVERT_TO_TEXT'),
  );
  const dep = await aws('apigateway', 'create-deployment', ...a, '--stage-name', 'prod');
  await aws('apigateway', 'get-deployments', ...a);
  await aws('apigateway', 'get-deployment', ...a, '--deployment-id', String(dep.id));
  await aws(
    'apigateway',
    'update-deployment',
    ...a,
    '--deployment-id',
    String(dep.id),
    ...patch('/description', 'first'),
  );
  await aws('apigateway', 'create-stage', ...a, '--stage-name', 'beta', '--deployment-id', String(dep.id));
  await aws('apigateway', 'get-stages', ...a);
  await aws('apigateway', 'get-stage', ...a, '--stage-name', 'prod');
  await aws('apigateway', 'update-stage', ...a, '--stage-name', 'prod', ...patch('/variables/color', 'blue'));
  expect(((await aws('apigateway', 'get-gateway-responses', ...a)).items as unknown[]).length).toBe(21);
  await aws(
    'apigateway',
    'put-gateway-response',
    ...a,
    '--response-type',
    'DEFAULT_4XX',
    '--response-parameters',
    JSON.stringify({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" }),
  );
  await aws(
    'apigateway',
    'update-gateway-response',
    ...a,
    '--response-type',
    'THROTTLED',
    ...patch('/statusCode', '503'),
  );
  expect(await aws('apigateway', 'get-gateway-response', ...a, '--response-type', 'THROTTLED')).toMatchObject({
    statusCode: '503',
    defaultResponse: false,
  });
  const arn = `arn:aws:apigateway:${REGION}::/restapis/${String(api.id)}`;
  await aws('apigateway', 'tag-resource', '--resource-arn', arn, '--tags', 'team=cli');
  expect((await aws('apigateway', 'get-tags', '--resource-arn', arn)).tags).toEqual({ team: 'cli' });
  await aws('apigateway', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'team');
  await aws(
    'apigateway',
    'get-export',
    ...a,
    '--stage-name',
    'prod',
    '--export-type',
    'oas30',
    join(dir, 'export.json'),
  );
  expect(JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8')).openapi).toMatch(/^3\./);
  const imported = await aws('apigateway', 'import-rest-api', '--body', `fileb://${doc}`);
  await aws(
    'apigateway',
    'put-rest-api',
    '--rest-api-id',
    String(imported.id),
    '--mode',
    'overwrite',
    '--body',
    `fileb://${doc}`,
  );
  // Tear down in reverse, so every delete runs.
  await aws('apigateway', 'delete-gateway-response', ...a, '--response-type', 'THROTTLED');
  await aws('apigateway', 'delete-stage', ...a, '--stage-name', 'beta');
  const spare = await aws('apigateway', 'create-deployment', ...a);
  await aws('apigateway', 'delete-deployment', ...a, '--deployment-id', String(spare.id));
  await aws('apigateway', 'delete-integration-response', ...m, '--status-code', '200');
  await aws('apigateway', 'delete-integration', ...m);
  await aws('apigateway', 'delete-method-response', ...m, '--status-code', '200');
  await aws('apigateway', 'delete-method', ...m);
  await aws('apigateway', 'delete-model', ...a, '--model-name', 'Item');
  await aws('apigateway', 'delete-request-validator', ...a, '--request-validator-id', String(validator.id));
  await aws('apigateway', 'delete-authorizer', ...a, '--authorizer-id', String(auth.id));
  await aws('apigateway', 'delete-resource', ...r);
  await aws('apigateway', 'delete-rest-api', '--rest-api-id', String(imported.id));
  await aws('apigateway', 'delete-rest-api', ...a);
}

async function httpSession(): Promise<void> {
  const doc = join(dir, 'http.json');
  writeFileSync(
    doc,
    JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'cli-imported-http', version: '1' },
      paths: {
        '/things': {
          get: {
            responses: { '200': { description: 'ok' } },
            'x-amazon-apigateway-integration': {
              type: 'http_proxy',
              httpMethod: 'GET',
              uri: 'https://example.com/things',
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    }),
  );
  const api = await aws(
    'apigatewayv2',
    'create-api',
    '--name',
    'cli-http',
    '--protocol-type',
    'HTTP',
    '--cors-configuration',
    'AllowOrigins=https://example.com',
  );
  const a = ['--api-id', String(api.ApiId)];
  await aws('apigatewayv2', 'get-apis');
  await aws('apigatewayv2', 'get-api', ...a);
  await aws('apigatewayv2', 'update-api', ...a, '--description', 'from-the-cli');
  const integration = await aws(
    'apigatewayv2',
    'create-integration',
    ...a,
    '--integration-type',
    'HTTP_PROXY',
    '--integration-uri',
    'https://example.com/items',
    '--integration-method',
    'ANY',
    '--payload-format-version',
    '1.0',
  );
  const i = [...a, '--integration-id', String(integration.IntegrationId)];
  await aws('apigatewayv2', 'get-integrations', ...a);
  await aws('apigatewayv2', 'get-integration', ...i);
  await aws('apigatewayv2', 'update-integration', ...i, '--timeout-in-millis', '5000');
  const auth = await aws(
    'apigatewayv2',
    'create-authorizer',
    ...a,
    '--name',
    'jwt',
    '--authorizer-type',
    'JWT',
    '--identity-source',
    '$request.header.Authorization',
    '--jwt-configuration',
    'Audience=cli,Issuer=https://issuer.example.com',
  );
  const au = [...a, '--authorizer-id', String(auth.AuthorizerId)];
  await aws('apigatewayv2', 'get-authorizers', ...a);
  await aws('apigatewayv2', 'get-authorizer', ...au);
  await aws('apigatewayv2', 'update-authorizer', ...au, '--name', 'jwt2');
  const route = await aws(
    'apigatewayv2',
    'create-route',
    ...a,
    '--route-key',
    'GET /items',
    '--target',
    `integrations/${String(integration.IntegrationId)}`,
  );
  const ro = [...a, '--route-id', String(route.RouteId)];
  await aws('apigatewayv2', 'get-routes', ...a);
  await aws('apigatewayv2', 'get-route', ...ro);
  await aws('apigatewayv2', 'update-route', ...ro, '--route-key', 'GET /things');
  const dep = await aws('apigatewayv2', 'create-deployment', ...a);
  await aws('apigatewayv2', 'get-deployments', ...a);
  await aws('apigatewayv2', 'get-deployment', ...a, '--deployment-id', String(dep.DeploymentId));
  await aws(
    'apigatewayv2',
    'update-deployment',
    ...a,
    '--deployment-id',
    String(dep.DeploymentId),
    '--description',
    'first',
  );
  await aws(
    'apigatewayv2',
    'create-stage',
    ...a,
    '--stage-name',
    'prod',
    '--deployment-id',
    String(dep.DeploymentId),
    '--route-settings',
    '{"GET /things":{"ThrottlingRateLimit":10,"ThrottlingBurstLimit":20}}',
  );
  await aws('apigatewayv2', 'get-stages', ...a);
  await aws('apigatewayv2', 'get-stage', ...a, '--stage-name', 'prod');
  await aws('apigatewayv2', 'update-stage', ...a, '--stage-name', 'prod', '--description', 'production');
  await aws('apigatewayv2', 'delete-route-settings', ...a, '--stage-name', 'prod', '--route-key', 'GET /things');
  const arn = `arn:aws:apigateway:${REGION}::/apis/${String(api.ApiId)}`;
  await aws('apigatewayv2', 'tag-resource', '--resource-arn', arn, '--tags', 'team=cli');
  expect((await aws('apigatewayv2', 'get-tags', '--resource-arn', arn)).Tags).toEqual({ team: 'cli' });
  await aws('apigatewayv2', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'team');
  await aws(
    'apigatewayv2',
    'export-api',
    ...a,
    '--specification',
    'OAS30',
    '--output-type',
    'JSON',
    join(dir, 'http-export.json'),
  );
  expect(JSON.parse(readFileSync(join(dir, 'http-export.json'), 'utf8')).openapi).toMatch(/^3\./);
  const imported = await aws('apigatewayv2', 'import-api', '--body', `file://${doc}`);
  await aws('apigatewayv2', 'reimport-api', '--api-id', String(imported.ApiId), '--body', `file://${doc}`);
  await aws('apigatewayv2', 'delete-cors-configuration', ...a);
  await aws('apigatewayv2', 'delete-stage', ...a, '--stage-name', 'prod');
  const spare = await aws('apigatewayv2', 'create-deployment', ...a);
  await aws('apigatewayv2', 'delete-deployment', ...a, '--deployment-id', String(spare.DeploymentId));
  await aws('apigatewayv2', 'delete-route', ...ro);
  await aws('apigatewayv2', 'delete-integration', ...i);
  await aws('apigatewayv2', 'delete-authorizer', ...au);
  await aws('apigatewayv2', 'delete-api', '--api-id', String(imported.ApiId));
  await aws('apigatewayv2', 'delete-api', ...a);
}

/** A chat WebSocket API through every WebSocket operation, ending with `get-routes` as a user would read it. */
async function webSocketSession(): Promise<void> {
  const api = await aws(
    'apigatewayv2',
    'create-api',
    '--name',
    'cli-chat',
    '--protocol-type',
    'WEBSOCKET',
    '--route-selection-expression',
    '$request.body.action',
  );
  expect(api).toMatchObject({
    ProtocolType: 'WEBSOCKET',
    ApiEndpoint: `wss://${String(api.ApiId)}.execute-api.${REGION}.amazonaws.com`,
  });
  const a = ['--api-id', String(api.ApiId)];
  const model = await aws(
    'apigatewayv2',
    'create-model',
    ...a,
    '--name',
    'Message',
    '--schema',
    '{"type":"object","properties":{"text":{"type":"string"}}}',
  );
  const mo = [...a, '--model-id', String(model.ModelId)];
  await aws('apigatewayv2', 'get-models', ...a);
  await aws('apigatewayv2', 'get-model', ...mo);
  expect(String((await aws('apigatewayv2', 'get-model-template', ...mo)).Value)).toContain('$inputRoot.text');
  await aws('apigatewayv2', 'update-model', ...mo, '--description', 'a chat message');
  const auth = await aws(
    'apigatewayv2',
    'create-authorizer',
    ...a,
    '--name',
    'token',
    '--authorizer-type',
    'REQUEST',
    '--authorizer-uri',
    LAMBDA,
    '--identity-source',
    'route.request.querystring.token',
  );
  const connectFn = await aws(
    'apigatewayv2',
    'create-integration',
    ...a,
    '--integration-type',
    'AWS_PROXY',
    '--integration-uri',
    LAMBDA,
  );
  const mock = await aws(
    'apigatewayv2',
    'create-integration',
    ...a,
    '--integration-type',
    'MOCK',
    '--request-templates',
    '{"$default":"{\\"statusCode\\": 200}"}',
    '--template-selection-expression',
    '\\$default',
  );
  expect(mock).toMatchObject({
    IntegrationResponseSelectionExpression: '${integration.response.statuscode}',
    TimeoutInMillis: 29000,
    PassthroughBehavior: 'WHEN_NO_MATCH',
  });
  const mi = [...a, '--integration-id', String(mock.IntegrationId)];
  const ir = await aws('apigatewayv2', 'create-integration-response', ...mi, '--integration-response-key', '$default');
  const iri = [...mi, '--integration-response-id', String(ir.IntegrationResponseId)];
  await aws('apigatewayv2', 'get-integration-responses', ...mi);
  await aws('apigatewayv2', 'get-integration-response', ...iri);
  await aws('apigatewayv2', 'update-integration-response', ...iri, '--template-selection-expression', '\\$default');
  const connect = await aws(
    'apigatewayv2',
    'create-route',
    ...a,
    '--route-key',
    '$connect',
    '--authorization-type',
    'CUSTOM',
    '--authorizer-id',
    String(auth.AuthorizerId),
    '--target',
    `integrations/${String(connectFn.IntegrationId)}`,
    '--request-parameters',
    '{"route.request.querystring.token":{"Required":true}}',
  );
  await aws(
    'apigatewayv2',
    'delete-route-request-parameter',
    ...a,
    '--route-id',
    String(connect.RouteId),
    '--request-parameter-key',
    'route.request.querystring.token',
  );
  const send = await aws(
    'apigatewayv2',
    'create-route',
    ...a,
    '--route-key',
    'sendmessage',
    '--target',
    `integrations/${String(mock.IntegrationId)}`,
    '--route-response-selection-expression',
    '$default',
  );
  const sr = [...a, '--route-id', String(send.RouteId)];
  const rr = await aws('apigatewayv2', 'create-route-response', ...sr, '--route-response-key', '$default');
  const rri = [...sr, '--route-response-id', String(rr.RouteResponseId)];
  await aws('apigatewayv2', 'get-route-responses', ...sr);
  await aws('apigatewayv2', 'get-route-response', ...rri);
  await aws('apigatewayv2', 'update-route-response', ...rri, '--model-selection-expression', 'default');
  const routes = (await aws('apigatewayv2', 'get-routes', ...a)).Items as Array<Record<string, unknown>>;
  expect(routes.map((r) => r.RouteKey)).toEqual(['$connect', 'sendmessage']);
  expect(routes[0]).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: auth.AuthorizerId });
  expect(routes[1]).toMatchObject({ RouteResponseSelectionExpression: '$default' });
  await aws(
    'apigatewayv2',
    'create-stage',
    ...a,
    '--stage-name',
    'prod',
    '--access-log-settings',
    `DestinationArn=arn:aws:logs:${REGION}:000000000000:log-group:chat,Format=$context.connectionId`,
  );
  expect((await aws('apigatewayv2', 'get-stage', ...a, '--stage-name', 'prod')).DefaultRouteSettings).toEqual({
    DataTraceEnabled: false,
    DetailedMetricsEnabled: false,
    LoggingLevel: 'OFF',
  });
  await aws('apigatewayv2', 'delete-access-log-settings', ...a, '--stage-name', 'prod');
  await aws('apigatewayv2', 'create-deployment', ...a, '--stage-name', 'prod');
  await aws('apigatewayv2', 'delete-route-response', ...rri);
  await aws('apigatewayv2', 'delete-integration-response', ...iri);
  await aws('apigatewayv2', 'delete-model', ...mo);
  await aws('apigatewayv2', 'delete-api', ...a);
}

async function cloudwatchSession(): Promise<void> {
  const end = new Date();
  const start = new Date(end.getTime() - 3_600_000);
  const window = ['--start-time', start.toISOString(), '--end-time', end.toISOString()];
  await aws(
    'cloudwatch',
    'put-metric-data',
    '--namespace',
    'CliTest',
    '--metric-data',
    `MetricName=Count,Value=3,Timestamp=${new Date(end.getTime() - 60_000).toISOString()}`,
  );
  expect((await aws('cloudwatch', 'list-metrics', '--namespace', 'CliTest')).Metrics).toEqual([
    { Namespace: 'CliTest', MetricName: 'Count', Dimensions: [] },
  ]);
  await aws(
    'cloudwatch',
    'get-metric-statistics',
    '--namespace',
    'CliTest',
    '--metric-name',
    'Count',
    '--period',
    '60',
    '--statistics',
    'Sum',
    ...window,
  );
  await aws(
    'cloudwatch',
    'get-metric-data',
    '--metric-data-queries',
    JSON.stringify([
      { Id: 'm1', MetricStat: { Metric: { Namespace: 'CliTest', MetricName: 'Count' }, Period: 60, Stat: 'Sum' } },
    ]),
    ...window,
  );
  await aws(
    'cloudwatch',
    'put-metric-alarm',
    '--alarm-name',
    'cli-alarm',
    '--metric-name',
    'Count',
    '--namespace',
    'CliTest',
    '--statistic',
    'Sum',
    '--period',
    '60',
    '--evaluation-periods',
    '1',
    '--threshold',
    '1',
    '--comparison-operator',
    'GreaterThanThreshold',
  );
  const alarms = (await aws('cloudwatch', 'describe-alarms', '--alarm-names', 'cli-alarm')).MetricAlarms as Array<{
    AlarmArn: string;
  }>;
  expect(alarms.map((x) => x.AlarmArn)).toEqual([`arn:aws:cloudwatch:${REGION}:000000000000:alarm:cli-alarm`]);
  await aws(
    'cloudwatch',
    'set-alarm-state',
    '--alarm-name',
    'cli-alarm',
    '--state-value',
    'ALARM',
    '--state-reason',
    'from the cli',
  );
  await aws('cloudwatch', 'delete-alarms', '--alarm-names', 'cli-alarm');
}

const CERT = `arn:aws:acm:${REGION}:000000000000:certificate/12345678-1234-1234-1234-123456789012`;
const NLB = `arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/private/0123456789abcdef`;

/** Issue 13's resources: domains and mappings, usage plans and keys, VPC links, client certificates, account, WAF, SSM, Secrets Manager. */
async function surroundingsSession(): Promise<void> {
  const api = await aws(
    'apigateway',
    'create-rest-api',
    '--name',
    'cli-shop',
    '--endpoint-configuration',
    'types=REGIONAL',
  );
  const a = ['--rest-api-id', String(api.id)];
  await aws(
    'apigateway',
    'put-method',
    ...a,
    '--resource-id',
    String(api.rootResourceId),
    '--http-method',
    'GET',
    '--authorization-type',
    'NONE',
  );
  await aws(
    'apigateway',
    'put-integration',
    ...a,
    '--resource-id',
    String(api.rootResourceId),
    '--http-method',
    'GET',
    '--type',
    'MOCK',
  );
  await aws('apigateway', 'create-deployment', ...a, '--stage-name', 'prod');
  const stageArn = `arn:aws:apigateway:${REGION}::/restapis/${String(api.id)}/stages/prod`;

  // Domain names and base path mappings (v1)
  const d = await aws(
    'apigateway',
    'create-domain-name',
    '--domain-name',
    'cli.example.com',
    '--regional-certificate-arn',
    CERT,
    '--endpoint-configuration',
    'types=REGIONAL',
    '--security-policy',
    'TLS_1_2',
  );
  expect(d.regionalHostedZoneId).toBe('ZLY8HYME6SFDD');
  expect(((await aws('apigateway', 'get-domain-names')).items as unknown[]).length).toBe(1);
  await aws('apigateway', 'get-domain-name', '--domain-name', 'cli.example.com');
  await aws(
    'apigateway',
    'update-domain-name',
    '--domain-name',
    'cli.example.com',
    ...patch('/mutualTlsAuthentication/truststoreUri', 's3://bucket/ts.pem'),
  );
  const dn = ['--domain-name', 'cli.example.com'];
  expect(await aws('apigateway', 'create-base-path-mapping', ...dn, ...a, '--stage', 'prod')).toMatchObject({
    basePath: '(none)',
  });
  await aws('apigateway', 'create-base-path-mapping', ...dn, ...a, '--stage', 'prod', '--base-path', 'orders');
  await aws('apigateway', 'get-base-path-mappings', ...dn);
  await aws('apigateway', 'get-base-path-mapping', ...dn, '--base-path', '(none)');
  await aws('apigateway', 'update-base-path-mapping', ...dn, '--base-path', 'orders', ...patch('/basePath', 'orders2'));
  await aws('apigateway', 'delete-base-path-mapping', ...dn, '--base-path', 'orders2');

  // API mappings and domain names (v2) over the same domain
  await aws('apigatewayv2', 'get-domain-names');
  await aws('apigatewayv2', 'get-domain-name', '--domain-name', 'cli.example.com');
  const m = await aws(
    'apigatewayv2',
    'create-api-mapping',
    '--domain-name',
    'cli.example.com',
    '--api-id',
    String(api.id),
    '--stage',
    'prod',
    '--api-mapping-key',
    'shop/v1',
  );
  await aws('apigatewayv2', 'get-api-mappings', '--domain-name', 'cli.example.com');
  await aws(
    'apigatewayv2',
    'get-api-mapping',
    '--domain-name',
    'cli.example.com',
    '--api-mapping-id',
    String(m.ApiMappingId),
  );
  await aws(
    'apigatewayv2',
    'update-api-mapping',
    '--domain-name',
    'cli.example.com',
    '--api-mapping-id',
    String(m.ApiMappingId),
    '--api-id',
    String(api.id),
    '--api-mapping-key',
    'shop/v2',
  );
  await aws(
    'apigatewayv2',
    'delete-api-mapping',
    '--domain-name',
    'cli.example.com',
    '--api-mapping-id',
    String(m.ApiMappingId),
  );
  await aws(
    'apigatewayv2',
    'create-domain-name',
    '--domain-name',
    'cli2.example.com',
    '--domain-name-configurations',
    `CertificateArn=${CERT},EndpointType=REGIONAL,SecurityPolicy=TLS_1_2`,
  );
  await aws(
    'apigatewayv2',
    'update-domain-name',
    '--domain-name',
    'cli2.example.com',
    '--domain-name-configurations',
    `CertificateArn=${CERT},EndpointType=REGIONAL,SecurityPolicy=TLS_1_2`,
  );
  await aws('apigatewayv2', 'delete-domain-name', '--domain-name', 'cli2.example.com');
  await aws('apigateway', 'delete-domain-name', ...dn);

  // API keys, usage plans, usage-plan keys
  const key = await aws(
    'apigateway',
    'create-api-key',
    '--name',
    'cli-partner',
    '--enabled',
    '--value',
    'abcdefghij0123456789ABCDEFGHIJ',
  );
  expect(key.value).toBe('abcdefghij0123456789ABCDEFGHIJ');
  expect(
    ((await aws('apigateway', 'get-api-keys', '--include-values')).items as Array<{ value: string }>)[0].value,
  ).toBe('abcdefghij0123456789ABCDEFGHIJ');
  await aws('apigateway', 'get-api-key', '--api-key', String(key.id));
  await aws('apigateway', 'update-api-key', '--api-key', String(key.id), ...patch('/description', 'partner'));
  const plan = await aws(
    'apigateway',
    'create-usage-plan',
    '--name',
    'cli-gold',
    '--api-stages',
    `apiId=${String(api.id)},stage=prod`,
    '--throttle',
    'burstLimit=10,rateLimit=5',
    '--quota',
    'limit=100,offset=0,period=DAY',
  );
  const up = ['--usage-plan-id', String(plan.id)];
  await aws('apigateway', 'get-usage-plans');
  await aws('apigateway', 'get-usage-plan', ...up);
  const updated = await aws(
    'apigateway',
    'update-usage-plan',
    ...up,
    '--patch-operations',
    `op=replace,path=/apiStages/${String(api.id)}:prod/throttle//GET/rateLimit,value=1`,
  );
  expect((updated.apiStages as Array<{ throttle: unknown }>)[0].throttle).toEqual({ '//GET': { rateLimit: 1 } });
  await aws('apigateway', 'create-usage-plan-key', ...up, '--key-id', String(key.id), '--key-type', 'API_KEY');
  await aws('apigateway', 'get-usage-plan-keys', ...up);
  await aws('apigateway', 'get-usage-plan-key', ...up, '--key-id', String(key.id));
  await aws('apigateway', 'delete-usage-plan-key', ...up, '--key-id', String(key.id));
  await aws(
    'apigateway',
    'update-usage-plan',
    ...up,
    '--patch-operations',
    `op=remove,path=/apiStages,value=${String(api.id)}:prod`,
  );
  await aws('apigateway', 'delete-usage-plan', ...up);
  await aws('apigateway', 'delete-api-key', '--api-key', String(key.id));

  // VPC links (v1 and v2), client certificates, account
  const link = await aws('apigateway', 'create-vpc-link', '--name', 'cli-link', '--target-arns', NLB);
  await aws('apigateway', 'get-vpc-links');
  await aws('apigateway', 'get-vpc-link', '--vpc-link-id', String(link.id));
  await aws('apigateway', 'update-vpc-link', '--vpc-link-id', String(link.id), ...patch('/description', 'to the NLB'));
  await aws('apigateway', 'delete-vpc-link', '--vpc-link-id', String(link.id));
  const link2 = await aws(
    'apigatewayv2',
    'create-vpc-link',
    '--name',
    'cli-link2',
    '--subnet-ids',
    'subnet-0123456789abcdef0',
  );
  await aws('apigatewayv2', 'get-vpc-links');
  await aws('apigatewayv2', 'get-vpc-link', '--vpc-link-id', String(link2.VpcLinkId));
  await aws('apigatewayv2', 'update-vpc-link', '--vpc-link-id', String(link2.VpcLinkId), '--name', 'renamed');
  await aws('apigatewayv2', 'delete-vpc-link', '--vpc-link-id', String(link2.VpcLinkId));
  const cert = await aws('apigateway', 'generate-client-certificate', '--description', 'cli');
  const cc = ['--client-certificate-id', String(cert.clientCertificateId)];
  await aws('apigateway', 'get-client-certificates');
  await aws('apigateway', 'get-client-certificate', ...cc);
  await aws('apigateway', 'update-client-certificate', ...cc, ...patch('/description', 'renewed'));
  await aws('apigateway', 'delete-client-certificate', ...cc);
  await aws('apigateway', 'get-account');
  await aws('apigateway', 'update-account', ...patch('/cloudwatchRoleArn', 'arn:aws:iam::000000000000:role/cli-logs'));

  // WAF
  const visibility = 'SampledRequestsEnabled=false,CloudWatchMetricsEnabled=false,MetricName=cli';
  const acl = (
    await aws(
      'wafv2',
      'create-web-acl',
      '--name',
      'cli-acl',
      '--scope',
      'REGIONAL',
      '--default-action',
      'Allow={}',
      '--visibility-config',
      visibility,
    )
  ).Summary as Record<string, string>;
  await aws('wafv2', 'get-web-acl', '--name', 'cli-acl', '--scope', 'REGIONAL', '--id', acl.Id);
  await aws('wafv2', 'list-web-acls', '--scope', 'REGIONAL');
  await aws('wafv2', 'associate-web-acl', '--web-acl-arn', acl.ARN, '--resource-arn', stageArn);
  expect(
    ((await aws('wafv2', 'get-web-acl-for-resource', '--resource-arn', stageArn)).WebACL as { ARN: string }).ARN,
  ).toBe(acl.ARN);
  expect(
    (await aws('wafv2', 'list-resources-for-web-acl', '--web-acl-arn', acl.ARN, '--resource-type', 'API_GATEWAY'))
      .ResourceArns,
  ).toEqual([stageArn]);
  await aws('wafv2', 'disassociate-web-acl', '--resource-arn', stageArn);
  await aws(
    'wafv2',
    'delete-web-acl',
    '--name',
    'cli-acl',
    '--scope',
    'REGIONAL',
    '--id',
    acl.Id,
    '--lock-token',
    acl.LockToken,
  );

  // Where key values live: SSM and Secrets Manager
  await aws('ssm', 'put-parameter', '--name', '/cli/key', '--value', 'abcdefghij0123456789', '--type', 'SecureString');
  expect(
    ((await aws('ssm', 'get-parameter', '--name', '/cli/key', '--with-decryption')).Parameter as { Value: string })
      .Value,
  ).toBe('abcdefghij0123456789');
  await aws('secretsmanager', 'create-secret', '--name', 'cli-key', '--secret-string', 'abcdefghij0123456789');
  await aws('secretsmanager', 'put-secret-value', '--secret-id', 'cli-key', '--secret-string', 'abcdefghij0123456780');
  expect((await aws('secretsmanager', 'get-secret-value', '--secret-id', 'cli-key')).SecretString).toBe(
    'abcdefghij0123456780',
  );
  await aws('apigateway', 'delete-stage', ...a, '--stage-name', 'prod');
  await aws('apigateway', 'delete-rest-api', ...a);
}

/** The operation a logged call was: CloudWatch's Query protocol logs `QueryProtocol` with the Action in its form body. */
function operationOf(c: { operation: string; params: Record<string, unknown> }): string {
  if (c.operation !== 'QueryProtocol') return c.operation;
  return new URLSearchParams(String(c.params.body ?? '')).get('Action') ?? 'QueryProtocol';
}

describe('aws cli', () => {
  it(
    'a scripted session touches every operation the emulator implements, through botocore',
    { timeout: 600_000 },
    async () => {
      if (!cli) {
        console.warn('SKIPPED awscli test: `aws` is not on PATH (install the Debian package awscli, as .ci/run does)');
        return;
      }
      await restSession();
      await httpSession();
      await webSocketSession();
      await cloudwatchSession();
      await surroundingsSession();
      const calls = emu.control.calls();
      expect(calls.filter((c) => c.status >= 400).map((c) => `${c.operation} ${c.status} ${c.errorCode}`)).toEqual([]);
      expect(new Set(calls.map((c) => c.region))).toEqual(new Set([REGION]));
      const touched = new Set(calls.map(operationOf).map((op) => op));
      const missing = routeTable()
        .filter((r) => !touched.has(r.operation))
        .map((r) => `${r.service} ${r.operation}`);
      expect(missing, `${cli.version}: operations no CLI step touches (add a step)`).toEqual([]);
    },
  );

  it('shows every kitchen-sink extension: get-rest-api, get-gateway-responses, get-export; apigatewayv2 get-api, get-integrations', async () => {
    if (!cli) return;
    const rest = await aws(
      'apigateway',
      'import-rest-api',
      '--fail-on-warnings',
      '--parameters',
      'endpointConfigurationTypes=PRIVATE',
      '--body',
      `fileb://${KITCHEN_SINK}/apis/storefront/storefront.openapi.yaml`,
    );
    const a = ['--rest-api-id', String(rest.id)];
    const api = await aws('apigateway', 'get-rest-api', ...a);
    expect(api).toMatchObject({
      description: 'Storefront orders: every REST API extension API Gateway documents.',
      minimumCompressionSize: 1024,
      apiKeySource: 'AUTHORIZER',
      binaryMediaTypes: ['image/png', 'application/pdf'],
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718'] },
    });
    // The CLI prints the policy as AWS returns it: an escaped string, the execute-api shorthand expanded.
    expect(api.policy).toContain('{\\"Version\\":\\"2012-10-17\\"');
    expect(api.policy).toContain(`arn:aws:execute-api:${REGION}:000000000000:${String(rest.id)}\\/*`);

    const responses = (await aws('apigateway', 'get-gateway-responses', ...a)).items as Array<Record<string, unknown>>;
    expect(responses).toHaveLength(21);
    expect(responses.find((r) => r.responseType === 'UNAUTHORIZED')).toMatchObject({
      statusCode: '401',
      defaultResponse: false,
      responseParameters: { 'gatewayresponse.header.WWW-Authenticate': '\'Bearer realm="storefront"\'' },
    });
    expect(responses.find((r) => r.responseType === 'MISSING_AUTHENTICATION_TOKEN')).toMatchObject({
      statusCode: '403',
      defaultResponse: true,
    });

    await aws('apigateway', 'create-deployment', ...a, '--stage-name', 'prod');
    const out = join(dir, 'kitchen-sink-oas30.yaml');
    await aws(
      'apigateway',
      'get-export',
      ...a,
      '--stage-name',
      'prod',
      '--export-type',
      'oas30',
      '--parameters',
      'extensions=apigateway',
      '--accepts',
      'application/yaml',
      out,
    );
    const doc = readFileSync(out, 'utf8');
    for (const ext of [
      'gateway-responses',
      'policy',
      'endpoint-configuration',
      'minimum-compression-size',
      'api-key-source',
      'binary-media-types',
    ])
      expect(doc).toContain(`x-amazon-apigateway-${ext}`);

    const http = await aws(
      'apigatewayv2',
      'import-api',
      '--fail-on-warnings',
      '--body',
      `file://${KITCHEN_SINK}/apis/events/events.openapi.yaml`,
    );
    expect(await aws('apigatewayv2', 'get-api', '--api-id', String(http.ApiId))).toMatchObject({
      Description: 'Event ingestion: every HTTP API extension API Gateway documents.',
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: {
        AllowOrigins: ['https://shop.example.com'],
        AllowCredentials: true,
        MaxAge: 600,
        ExposeHeaders: ['x-request-id'],
      },
    });
    const integrations = (await aws('apigatewayv2', 'get-integrations', '--api-id', String(http.ApiId))).Items as Array<
      Record<string, unknown>
    >;
    expect(integrations.find((i) => i.IntegrationType === 'HTTP_PROXY' && i.IntegrationMethod === 'GET')).toMatchObject(
      {
        RequestParameters: {
          'overwrite:header.x-tenant': '$request.header.x-tenant-id',
          'overwrite:path': '/v1/items/$request.path.id',
        },
        ResponseParameters: {
          '200': { 'overwrite:header.cache-control': 'max-age=60' },
          '404': { 'overwrite:statuscode': '410', 'append:header.x-gone': 'true' },
        },
      },
    );
  });

  it("changes each extension out of band, as a console user would (the edits a drift check must see), and gets AWS's refusals", async () => {
    if (!cli) return;
    const fails = async (...args: string[]) => {
      const r = await cli!.run(['--endpoint-url', emu.url, '--output', 'json', ...args]);
      expect(r.code).not.toBe(0);
      return r.stderr;
    };
    const api = await aws('apigateway', 'create-rest-api', '--name', 'oob');
    const a = ['--rest-api-id', String(api.id)];
    expect(
      await aws(
        'apigateway',
        'put-gateway-response',
        ...a,
        '--response-type',
        'DEFAULT_4XX',
        '--response-parameters',
        JSON.stringify({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" }),
      ),
    ).toMatchObject({ defaultResponse: false });
    expect(
      await fails('apigateway', 'put-gateway-response', ...a, '--response-type', 'DEFAULT_4XX', '--status-code', '700'),
    ).toContain('BadRequestException');
    const settings = await aws(
      'apigateway',
      'update-rest-api',
      ...a,
      '--patch-operations',
      'op=replace,path=/minimumCompressionSize,value=2048',
      'op=replace,path=/apiKeySource,value=AUTHORIZER',
      'op=add,path=/binaryMediaTypes/image~1gif',
      'op=replace,path=/description,value=edited',
      'op=replace,path=/disableExecuteApiEndpoint,value=true',
    );
    expect(settings).toMatchObject({
      minimumCompressionSize: 2048,
      apiKeySource: 'AUTHORIZER',
      binaryMediaTypes: ['image/gif'],
      description: 'edited',
      disableExecuteApiEndpoint: true,
    });
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
    });
    expect(
      String(
        (
          await aws(
            'apigateway',
            'update-rest-api',
            ...a,
            '--patch-operations',
            JSON.stringify([{ op: 'replace', path: '/policy', value: policy }]),
          )
        ).policy,
      ),
    ).toContain(`${String(api.id)}\\/*`);
    expect(
      await fails('apigateway', 'update-rest-api', ...a, '--patch-operations', 'op=replace,path=/policy,value=nope'),
    ).toContain('Invalid policy document');
    expect(
      await fails(
        'apigateway',
        'create-rest-api',
        '--name',
        'v',
        '--endpoint-configuration',
        'types=REGIONAL,vpcEndpointIds=vpce-1',
      ),
    ).toContain('VPCEndpoints can only be specified with PRIVATE apis.');

    const http = await aws('apigatewayv2', 'create-api', '--name', 'oob-http', '--protocol-type', 'HTTP');
    const h = ['--api-id', String(http.ApiId)];
    expect(
      (
        await aws(
          'apigatewayv2',
          'update-api',
          ...h,
          '--cors-configuration',
          'AllowOrigins=https://evil.example.com,AllowMethods=GET,MaxAge=5',
        )
      ).CorsConfiguration,
    ).toEqual({ AllowOrigins: ['https://evil.example.com'], AllowMethods: ['GET'], MaxAge: 5 });
    expect(
      await fails('apigatewayv2', 'update-api', ...h, '--cors-configuration', 'AllowOrigins=*,AllowCredentials=true'),
    ).toContain("allow-credentials is not supported if 'allow-origin' is *");
    const integration = await aws(
      'apigatewayv2',
      'create-integration',
      ...h,
      '--integration-type',
      'HTTP_PROXY',
      '--integration-method',
      'GET',
      '--integration-uri',
      'https://items.example.com',
      '--payload-format-version',
      '1.0',
    );
    const mapped = await aws(
      'apigatewayv2',
      'update-integration',
      ...h,
      '--integration-id',
      String(integration.IntegrationId),
      '--request-parameters',
      JSON.stringify({ 'overwrite:header.x-forged': 'yes' }),
      '--response-parameters',
      JSON.stringify({ '500': { 'overwrite:statuscode': '200' } }),
    );
    expect(mapped).toMatchObject({
      RequestParameters: { 'overwrite:header.x-forged': 'yes' },
      ResponseParameters: { '500': { 'overwrite:statuscode': '200' } },
    });
  });

  it("gets AWS's WebSocket refusals: authorization off $connect, a reserved route key, export", async () => {
    if (!cli) return;
    const fails = async (...args: string[]) => {
      const r = await cli!.run(['--endpoint-url', emu.url, '--output', 'json', 'apigatewayv2', ...args]);
      expect(r.code).not.toBe(0);
      return r.stderr;
    };
    const api = await aws(
      'apigatewayv2',
      'create-api',
      '--name',
      'cli-refusals',
      '--protocol-type',
      'WEBSOCKET',
      '--route-selection-expression',
      '$request.body.action',
    );
    const a = ['--api-id', String(api.ApiId)];
    expect(
      await fails('create-route', ...a, '--route-key', 'sendmessage', '--authorization-type', 'AWS_IAM'),
    ).toContain('Currently, authorization is restricted to the $connect route only');
    expect(await fails('create-route', ...a, '--route-key', '$getauthorized')).toContain(
      'The provided route key is not formatted properly',
    );
    expect(
      await fails('export-api', ...a, '--specification', 'OAS30', '--output-type', 'YAML', join(dir, 'ws.yaml')),
    ).toContain('BadRequestException');
    expect(await fails('create-api', '--name', 'x', '--protocol-type', 'WEBSOCKET')).toContain(
      'RouteSelectionExpression is required',
    );
  });

  it('reports a missing REST API as NotFoundException', async () => {
    if (!cli) return;
    const r = await cli.run(['--endpoint-url', emu.url, 'apigateway', 'get-rest-api', '--rest-api-id', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('NotFoundException');
  });
});
