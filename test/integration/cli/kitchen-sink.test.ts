/**
 * Issue 12's acceptance, as a new user meets it: the kitchen-sink state
 * (test/fixtures/state/kitchen-sink: a PRIVATE REST API and an HTTP API in API Gateway's export
 * style, with every extension apigw-sync manages) taken through the real `apigw-sync` binary
 * against the local AWS endpoint —
 *   validate 0 → plan 2 → apply 0 → plan 0 → drift 0 → import → plan 0 on the imported files,
 * the AWS CLI showing every setting in AWS, an out-of-band change to each managed extension
 * (made with the AWS CLI, as a console user would) reported by `drift` with exit 2 and
 * healed by `apply`, and APIs AWS itself imported from the same files adopted with no change.
 *
 * The AWS CLI steps skip with a visible message when `aws` is not installed (.ci/run installs it).
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDeploymentCommand, ImportRestApiCommand, TagResourceCommand } from '@aws-sdk/client-api-gateway';
import {
  CreateStageCommand,
  ImportApiCommand,
  TagResourceCommand as V2TagResourceCommand,
} from '@aws-sdk/client-apigatewayv2';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../../helpers/bin.js';
import { applyCommand } from '../../../src/cli/apply.js';
import { driftCommand } from '../../../src/cli/drift.js';
import { planCommand } from '../../../src/cli/plan.js';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients.js';
import { RateLimiter } from '../../../src/aws/rate-limit.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { awsCliEnv, awsCommand, startAwsCli, type AwsCli } from '../../helpers/awscli.js';
import { copyState, liveApis, QUOTA_SCALE, startTestEmulator } from '../apply/helpers.js';

const KITCHEN_SINK = join(import.meta.dirname, '..', '..', 'fixtures', 'state', 'kitchen-sink');
const REST_FILE = join(KITCHEN_SINK, 'apis', 'storefront', 'storefront.openapi.yaml');
const HTTP_FILE = join(KITCHEN_SINK, 'apis', 'events', 'events.openapi.yaml');
/** The state's region (gateway.yaml): the CLI refuses another. */
const REGION = 'us-east-1';
const VPCE = 'vpce-0a1b2c3d4e5f60718';

type Doc = Record<string, unknown>;

let emu: RunningEmulator;
let env: NodeJS.ProcessEnv;
let clients: AwsClients;
let awsCli: AwsCli | undefined;
let dir: string;

function clientsFor(accessKeyId: string): AwsClients {
  return createAwsClients({
    region: REGION,
    endpoint: emu.url,
    credentials: { accessKeyId, secretAccessKey: 'test' },
    limiter: new RateLimiter({ scale: QUOTA_SCALE }),
  });
}

beforeAll(async () => {
  emu = await startTestEmulator();
  env = {
    ...process.env,
    AWS_ENDPOINT_URL: emu.url,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    NO_COLOR: '1',
  };
  clients = clientsFor('test');
  awsCli = await startAwsCli(awsCliEnv(REGION));
  if (!awsCli)
    console.warn('kitchen-sink: `aws` is not installed; the AWS CLI steps are skipped (.ci/run installs it)');
  dir = copyState(KITCHEN_SINK);
});
afterAll(async () => {
  awsCli?.close();
  await emu?.stop();
});

const bin = (...args: string[]) => runBin(env, ...args);

const aws = (service: string, command: string, ...args: string[]) =>
  awsCommand(awsCli!, emu.url)(service, command, ...args);

/** Every `x-amazon-apigateway-*` key anywhere in a document. */
function extensionKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => extensionKeys(x, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('x-amazon-apigateway-')) out.add(k);
      extensionKeys(x, out);
    }
  }
  return out;
}

async function ids(): Promise<{ rest: string; http: string }> {
  const apis = await liveApis(clients);
  return {
    rest: apis.find((a) => a.name === 'kitchen-sink-rest')!.id,
    http: apis.find((a) => a.name === 'kitchen-sink-http')!.id,
  };
}

describe('the kitchen sink through the CLI', () => {
  it('validate 0 → plan 2 → apply 0 → plan 0 → drift 0', async () => {
    expect((await bin('validate', dir)).code).toBe(0);
    const plan = await bin('plan', dir);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/\+ gateway response UNAUTHORIZED/);
    expect(plan.stdout).toMatch(/policy: 2 statements: Allow, Deny/);
    const applied = await bin('apply', dir, '--yes');
    expect(applied.stderr).not.toMatch(/error/i);
    expect(applied.code).toBe(0);
    expect(await bin('plan', dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('No changes.') });
    expect(await bin('drift', dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('No drift.') });
  }, 180_000);

  it('the AWS CLI shows each setting: get-rest-api, get-gateway-responses, get-integration, get-method; apigatewayv2 get-api, get-integrations, get-routes', async () => {
    if (!awsCli) return;
    const { rest, http } = await ids();
    const a = ['--rest-api-id', rest];
    const api = await aws('apigateway', 'get-rest-api', ...a);
    expect(api).toMatchObject({
      description: 'Storefront orders: every REST API extension API Gateway documents.',
      minimumCompressionSize: 1024,
      apiKeySource: 'AUTHORIZER',
      binaryMediaTypes: ['image/png', 'application/pdf'],
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [VPCE] },
    });
    // Escaped as AWS returns it, the execute-api shorthand expanded to this API's ARN.
    expect(api.policy).toContain(`arn:aws:execute-api:${REGION}:000000000000:${rest}\\/*`);
    expect(api.policy).toContain('\\"aws:SourceVpce\\":\\"vpce-0a1b2c3d4e5f60718\\"');

    const responses = (await aws('apigateway', 'get-gateway-responses', ...a)).items as Array<Record<string, unknown>>;
    const custom = responses.filter((r) => r.defaultResponse === false);
    expect(Object.fromEntries(custom.map((r) => [r.responseType, r.statusCode ?? null]))).toEqual({
      DEFAULT_4XX: null,
      DEFAULT_5XX: null,
      UNAUTHORIZED: '401',
      BAD_REQUEST_BODY: '422',
      THROTTLED: '429',
    });
    expect(custom.find((r) => r.responseType === 'UNAUTHORIZED')).toMatchObject({
      responseParameters: { 'gatewayresponse.header.WWW-Authenticate': '\'Bearer realm="storefront"\'' },
    });

    const resources = (await aws('apigateway', 'get-resources', ...a)).items as Array<{ id: string; path: string }>;
    const at = (path: string) => ['--resource-id', resources.find((r) => r.path === path)!.id];
    expect(await aws('apigateway', 'get-integration', ...a, ...at('/orders'), '--http-method', 'GET')).toMatchObject({
      tlsConfig: { insecureSkipVerification: true },
    });
    expect(
      await aws('apigateway', 'get-method', ...a, ...at('/orders/{orderId}'), '--http-method', 'DELETE'),
    ).toMatchObject({ authorizationType: 'AWS_IAM' });

    const h = ['--api-id', http];
    expect(await aws('apigatewayv2', 'get-api', ...h)).toMatchObject({
      Description: 'Event ingestion: every HTTP API extension API Gateway documents.',
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: {
        AllowOrigins: ['https://shop.example.com'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['authorization', 'content-type'],
        ExposeHeaders: ['x-request-id'],
        AllowCredentials: true,
        MaxAge: 600,
      },
    });
    const integrations = (await aws('apigatewayv2', 'get-integrations', ...h)).Items as Array<Record<string, unknown>>;
    expect(integrations.find((i) => i.IntegrationMethod === 'GET' && i.IntegrationType === 'HTTP_PROXY')).toMatchObject(
      {
        RequestParameters: {
          'overwrite:header.x-tenant': '$request.header.x-tenant-id',
          'append:querystring.source': 'apigw',
          'remove:header.x-debug': "''",
          'overwrite:path': '/v1/items/$request.path.id',
        },
        ResponseParameters: {
          '200': { 'overwrite:header.cache-control': 'max-age=60' },
          '404': { 'overwrite:statuscode': '410', 'append:header.x-gone': 'true' },
        },
      },
    );
    const routes = (await aws('apigatewayv2', 'get-routes', ...h)).Items as Array<Record<string, unknown>>;
    expect(routes.find((r) => r.RouteKey === 'DELETE /items/{id}')).toMatchObject({ AuthorizationType: 'AWS_IAM' });
  }, 60_000);

  it('import writes every extension of the source files, and plan on the imported directory has no change', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-sync-import-')), 'gateway-state');
    expect((await bin('import', '--api', 'kitchen-sink-rest', '--out', out)).code).toBe(0);
    expect((await bin('import', '--api', 'kitchen-sink-http', '--out', out)).code).toBe(0);
    const docOf = (key: string) =>
      parseYaml(
        readFileSync(
          join(
            out,
            'apis',
            key,
            readdirSync(join(out, 'apis', key)).find((f) => f !== 'api.yaml')!,
          ),
          'utf8',
        ),
      ) as Doc;
    for (const [key, source] of [
      ['storefront', REST_FILE],
      ['events', HTTP_FILE],
    ] as const) {
      // x-amazon-apigateway-auth {type: AWS_IAM} comes back as API Gateway's exports write IAM authorization: a sigv4 security scheme.
      const expected = [...extensionKeys(parseYaml(readFileSync(source, 'utf8')))]
        .filter((k) => k !== 'x-amazon-apigateway-auth')
        .sort();
      expect([...extensionKeys(docOf(key))].sort(), key).toEqual(expect.arrayContaining(expected));
    }
    const rest = docOf('storefront');
    expect(rest.info).toMatchObject({
      description: 'Storefront orders: every REST API extension API Gateway documents.',
    });
    expect((rest.servers as Doc[])[0]['x-amazon-apigateway-endpoint-configuration']).toEqual({
      disableExecuteApiEndpoint: true,
      vpcEndpointIds: [VPCE],
    });
    expect(JSON.stringify(rest['x-amazon-apigateway-policy'])).toContain('"Resource":"execute-api:/*"');
    expect(Object.keys(rest['x-amazon-apigateway-gateway-responses'] as Doc).sort()).toEqual([
      'BAD_REQUEST_BODY',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
      'THROTTLED',
      'UNAUTHORIZED',
    ]);
    expect(await bin('plan', out)).toMatchObject({ code: 0, stdout: expect.stringContaining('No changes.') });
  }, 120_000);
});

/**
 * One out-of-band edit per managed extension: [what, the AWS CLI command (given the API ids
 * and resource/integration/route ids), what `drift` names]. Each is reported (exit 2), then
 * healed by `apply`, before the next.
 */
interface Where {
  rest: string;
  http: string;
  resource: (path: string) => string;
  integration: (method: string) => string;
  route: (key: string) => string;
}
const POLICY_ALLOW_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }],
});
const restPatch = (w: Where, ops: unknown) => [
  'apigateway',
  'update-rest-api',
  '--rest-api-id',
  w.rest,
  '--patch-operations',
  JSON.stringify(ops),
];
const OUT_OF_BAND: Array<[string, (w: Where) => string[], RegExp]> = [
  [
    'x-amazon-apigateway-policy (a Deny statement dropped)',
    (w) => restPatch(w, [{ op: 'replace', path: '/policy', value: POLICY_ALLOW_ONLY }]),
    /policy \(- in Git, \+ in AWS\)[\s\S]*- +"Effect": "Deny"/,
  ],
  [
    'x-amazon-apigateway-endpoint-configuration vpcEndpointIds',
    (w) => restPatch(w, [{ op: 'remove', path: '/endpointConfiguration/vpcEndpointIds', value: VPCE }]),
    /vpcEndpointIds/,
  ],
  [
    'x-amazon-apigateway-endpoint-configuration disableExecuteApiEndpoint (REST)',
    (w) => restPatch(w, [{ op: 'replace', path: '/disableExecuteApiEndpoint', value: 'false' }]),
    /disableExecuteApiEndpoint/,
  ],
  [
    'x-amazon-apigateway-minimum-compression-size',
    (w) => restPatch(w, [{ op: 'replace', path: '/minimumCompressionSize', value: '2048' }]),
    /minimumCompressionSize/,
  ],
  [
    'x-amazon-apigateway-api-key-source',
    (w) => restPatch(w, [{ op: 'replace', path: '/apiKeySource', value: 'HEADER' }]),
    /apiKeySource/,
  ],
  [
    'x-amazon-apigateway-binary-media-types',
    (w) => restPatch(w, [{ op: 'add', path: '/binaryMediaTypes/image~1gif' }]),
    /binaryMediaTypes/,
  ],
  [
    'info.description (REST)',
    (w) => restPatch(w, [{ op: 'replace', path: '/description', value: 'edited in the console' }]),
    /description/,
  ],
  [
    'x-amazon-apigateway-gateway-responses: a status code',
    (w) => [
      'apigateway',
      'update-gateway-response',
      '--rest-api-id',
      w.rest,
      '--response-type',
      'UNAUTHORIZED',
      '--patch-operations',
      'op=replace,path=/statusCode,value=403',
    ],
    /gateway response UNAUTHORIZED changed in AWS/,
  ],
  [
    'x-amazon-apigateway-gateway-responses.responseParameters',
    (w) => [
      'apigateway',
      'update-gateway-response',
      '--rest-api-id',
      w.rest,
      '--response-type',
      'DEFAULT_4XX',
      '--patch-operations',
      JSON.stringify([{ op: 'add', path: '/responseParameters/gatewayresponse.header.X-Debug', value: "'1'" }]),
    ],
    /responseParameters\["gatewayresponse.header.X-Debug"\]/,
  ],
  [
    'x-amazon-apigateway-gateway-responses.responseTemplates',
    (w) => [
      'apigateway',
      'update-gateway-response',
      '--rest-api-id',
      w.rest,
      '--response-type',
      'DEFAULT_5XX',
      '--patch-operations',
      'op=replace,path=/responseTemplates/application~1json,value=oops',
    ],
    /responseTemplates\["application\/json"\]/,
  ],
  [
    'x-amazon-apigateway-gateway-responses: a type customized',
    (w) => [
      'apigateway',
      'put-gateway-response',
      '--rest-api-id',
      w.rest,
      '--response-type',
      'MISSING_AUTHENTICATION_TOKEN',
      '--status-code',
      '404',
    ],
    /gateway response MISSING_AUTHENTICATION_TOKEN added in AWS/,
  ],
  [
    'x-amazon-apigateway-gateway-responses: a type reset',
    (w) => ['apigateway', 'delete-gateway-response', '--rest-api-id', w.rest, '--response-type', 'THROTTLED'],
    /gateway response THROTTLED deleted in AWS/,
  ],
  [
    'x-amazon-apigateway-integration.tlsConfig',
    (w) => [
      'apigateway',
      'update-integration',
      '--rest-api-id',
      w.rest,
      '--resource-id',
      w.resource('/orders'),
      '--http-method',
      'GET',
      '--patch-operations',
      'op=replace,path=/tlsConfig/insecureSkipVerification,value=false',
    ],
    /tlsConfig/,
  ],
  [
    'x-amazon-apigateway-auth (REST)',
    (w) => [
      'apigateway',
      'update-method',
      '--rest-api-id',
      w.rest,
      '--resource-id',
      w.resource('/orders/{orderId}'),
      '--http-method',
      'DELETE',
      '--patch-operations',
      'op=replace,path=/authorizationType,value=NONE',
    ],
    /authorization\.type/,
  ],
  [
    'x-amazon-apigateway-cors: an origin',
    (w) => [
      'apigatewayv2',
      'update-api',
      '--api-id',
      w.http,
      '--cors-configuration',
      'AllowOrigins=https://evil.example.com,AllowMethods=GET,POST,AllowHeaders=authorization,content-type,ExposeHeaders=x-request-id,MaxAge=600,AllowCredentials=true',
    ],
    /cors\.allowOrigins/,
  ],
  [
    'x-amazon-apigateway-cors: removed',
    (w) => ['apigatewayv2', 'delete-cors-configuration', '--api-id', w.http],
    /cors\.allowOrigins[\s\S]*in AWS: \(none\)/,
  ],
  [
    'x-amazon-apigateway-endpoint-configuration disableExecuteApiEndpoint (HTTP)',
    (w) => ['apigatewayv2', 'update-api', '--api-id', w.http, '--no-disable-execute-api-endpoint'],
    /disableExecuteApiEndpoint/,
  ],
  [
    'info.description (HTTP)',
    (w) => ['apigatewayv2', 'update-api', '--api-id', w.http, '--description', 'edited in the console'],
    /description/,
  ],
  [
    'x-amazon-apigateway-integration.requestParameters (HTTP)',
    (w) => [
      'apigatewayv2',
      'update-integration',
      '--api-id',
      w.http,
      '--integration-id',
      w.integration('GET'),
      '--request-parameters',
      JSON.stringify({ 'overwrite:header.x-forged': 'yes' }),
    ],
    /requestParameters\["overwrite:header.x-forged"\]/,
  ],
  [
    'x-amazon-apigateway-integration.responseParameters (HTTP)',
    (w) => [
      'apigatewayv2',
      'update-integration',
      '--api-id',
      w.http,
      '--integration-id',
      w.integration('GET'),
      '--response-parameters',
      JSON.stringify({ '500': { 'overwrite:statuscode': '200' } }),
    ],
    /responseParameters\["500"\]/,
  ],
  [
    'x-amazon-apigateway-auth (HTTP)',
    (w) => [
      'apigatewayv2',
      'update-route',
      '--api-id',
      w.http,
      '--route-id',
      w.route('DELETE /items/{id}'),
      '--authorization-type',
      'NONE',
    ],
    /authorization\.type/,
  ],
];

describe('an out-of-band change to each managed extension', () => {
  let where: Where;
  beforeAll(async () => {
    if (!awsCli) return;
    const { rest, http } = await ids();
    const resources = (await aws('apigateway', 'get-resources', '--rest-api-id', rest)).items as Array<{
      id: string;
      path: string;
    }>;
    const integrations = (await aws('apigatewayv2', 'get-integrations', '--api-id', http)).Items as Array<{
      IntegrationId: string;
      IntegrationMethod: string;
    }>;
    const routes = (await aws('apigatewayv2', 'get-routes', '--api-id', http)).Items as Array<{
      RouteId: string;
      RouteKey: string;
    }>;
    where = {
      rest,
      http,
      resource: (path) => resources.find((r) => r.path === path)!.id,
      integration: (method) => integrations.find((i) => i.IntegrationMethod === method)!.IntegrationId,
      route: (key) => routes.find((r) => r.RouteKey === key)!.RouteId,
    };
  });

  it.each(OUT_OF_BAND)(
    '%s: drift exits 2 and names it; apply heals it',
    async (_what, command, named) => {
      if (!awsCli) return;
      const [service, name, ...args] = command(where);
      await aws(service, name, ...args);
      const drift = await driftCommand(dir, { clients });
      expect(drift.code).toBe(2);
      expect(drift.stdout).toMatch(named);
      const applied = await applyCommand(dir, { yes: true, clients });
      expect(applied.result.failures).toEqual([]);
      expect(applied.code).toBe(0);
      expect((await driftCommand(dir, { clients })).code).toBe(0);
    },
    60_000,
  );
});

describe('adopting APIs AWS imported from the same files', () => {
  it('ImportRestApi / ImportApi of the kitchen-sink files (with the stages and tags api.yaml declares) → plan: no changes', async () => {
    // Another account of the local endpoint: the names are free there.
    const other = clientsFor('111111111111');
    const rest = await other.apigw.send(
      new ImportRestApiCommand({
        body: readFileSync(REST_FILE),
        failOnWarnings: true,
        parameters: { endpointConfigurationTypes: 'PRIVATE' },
      }),
    );
    await other.apigw.send(
      new CreateDeploymentCommand({
        restApiId: rest.id,
        stageName: 'prod',
        variables: { backend: 'orders.internal.example.com' },
      }),
    );
    await other.apigw.send(
      new TagResourceCommand({
        resourceArn: `arn:aws:apigateway:${REGION}::/restapis/${rest.id}`,
        tags: { team: 'platform' },
      }),
    );
    const http = await other.apigwv2.send(
      new ImportApiCommand({ Body: readFileSync(HTTP_FILE, 'utf8'), FailOnWarnings: true }),
    );
    await other.apigwv2.send(new CreateStageCommand({ ApiId: http.ApiId, StageName: 'live' }));
    await other.apigwv2.send(
      new V2TagResourceCommand({
        ResourceArn: `arn:aws:apigateway:${REGION}::/apis/${http.ApiId}`,
        Tags: { team: 'data' },
      }),
    );

    const plan = await planCommand(KITCHEN_SINK, { clients: other });
    expect(plan.stdout).toContain('No changes.');
    expect(plan.code).toBe(0);
  }, 60_000);
});
