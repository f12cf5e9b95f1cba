/**
 * The AWS CLI against the emulator: `aws --endpoint-url http://127.0.0.1:PORT apigateway ...`.
 * Skips with a visible message when `aws` is not installed (.ci/run installs the Debian package).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type Emu } from './core-setup.js';

const run = promisify(execFile);

const KITCHEN_SINK = 'test/fixtures/state/kitchen-sink';

async function awsOnPath(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

let emu: Emu;
let available = false;

beforeAll(async () => {
  available = await awsOnPath();
  if (available) emu = await startTestEmulator();
});
afterAll(async () => emu?.stop());

/** Runs the CLI asynchronously: the emulator answers from this same process, so a sync exec would deadlock. */
async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  try {
    const { stdout, stderr } = await run('aws', ['--endpoint-url', emu.url, '--output', 'json', ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('aws cli', () => {
  it('creates and lists REST APIs, and reports a missing one as NotFoundException', async () => {
    if (!available) {
      console.warn('SKIPPED awscli test: `aws` is not on PATH (install the Debian package awscli, as .ci/run does)');
      return;
    }
    const created = await aws('apigateway', 'create-rest-api', '--name', 'from-cli');
    expect(created.code).toBe(0);
    const id = JSON.parse(created.stdout).id as string;
    expect(id).toMatch(/^[a-z0-9]{10}$/);

    const listed = await aws('apigateway', 'get-rest-apis');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).items.map((a: { id: string; name: string }) => [a.id, a.name])).toEqual([[id, 'from-cli']]);

    const missing = await aws('apigateway', 'get-rest-api', '--rest-api-id', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('NotFoundException');
    expect(emu.control.calls().map((c) => c.operation)).toEqual(['CreateRestApi', 'GetRestApis', 'GetRestApi']);
  });

  it('shows every kitchen-sink extension: get-rest-api, get-gateway-responses, get-export; apigatewayv2 get-api, get-integrations', async () => {
    if (!available) return;
    const rest = await aws('apigateway', 'import-rest-api', '--fail-on-warnings', '--parameters', 'endpointConfigurationTypes=PRIVATE', '--body', `fileb://${KITCHEN_SINK}/apis/storefront/storefront.openapi.yaml`);
    expect(rest.stderr).toBe('');
    const restApiId = JSON.parse(rest.stdout).id as string;

    const api = JSON.parse((await aws('apigateway', 'get-rest-api', '--rest-api-id', restApiId)).stdout);
    expect(api).toMatchObject({
      description: 'Storefront orders: every REST API extension API Gateway documents.',
      minimumCompressionSize: 1024,
      apiKeySource: 'AUTHORIZER',
      binaryMediaTypes: ['image/png', 'application/pdf'],
      disableExecuteApiEndpoint: true,
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0a1b2c3d4e5f60718'] },
    });
    // The CLI prints the policy as AWS returns it: an escaped string.
    expect(api.policy).toContain('{\\"Version\\":\\"2012-10-17\\"');

    const responses = JSON.parse((await aws('apigateway', 'get-gateway-responses', '--rest-api-id', restApiId)).stdout).items as Array<Record<string, unknown>>;
    expect(responses).toHaveLength(21);
    expect(responses.find((r) => r.responseType === 'UNAUTHORIZED')).toMatchObject({
      statusCode: '401', defaultResponse: false, responseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer realm=\"storefront\"'" },
    });
    expect(responses.find((r) => r.responseType === 'MISSING_AUTHENTICATION_TOKEN')).toMatchObject({ statusCode: '403', defaultResponse: true });

    expect((await aws('apigateway', 'create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod')).code).toBe(0);
    const outFile = join(mkdtempSync(join(tmpdir(), 'awscli-export-')), 'oas30.yaml');
    const exported = await aws('apigateway', 'get-export', '--rest-api-id', restApiId, '--stage-name', 'prod', '--export-type', 'oas30', '--parameters', 'extensions=apigateway', '--accepts', 'application/yaml', outFile);
    expect(exported.code).toBe(0);
    const doc = readFileSync(outFile, 'utf8');
    for (const ext of ['gateway-responses', 'policy', 'endpoint-configuration', 'minimum-compression-size', 'api-key-source', 'binary-media-types']) expect(doc).toContain(`x-amazon-apigateway-${ext}`);

    const http = await aws('apigatewayv2', 'import-api', '--fail-on-warnings', '--body', `file://${KITCHEN_SINK}/apis/events/events.openapi.yaml`);
    expect(http.stderr).toBe('');
    const apiId = JSON.parse(http.stdout).ApiId as string;
    expect(JSON.parse((await aws('apigatewayv2', 'get-api', '--api-id', apiId)).stdout)).toMatchObject({
      Description: 'Event ingestion: every HTTP API extension API Gateway documents.',
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: { AllowOrigins: ['https://shop.example.com'], AllowCredentials: true, MaxAge: 600, ExposeHeaders: ['x-request-id'] },
    });
    const integrations = JSON.parse((await aws('apigatewayv2', 'get-integrations', '--api-id', apiId)).stdout).Items as Array<Record<string, unknown>>;
    expect(integrations.find((i) => i.IntegrationType === 'HTTP_PROXY')).toMatchObject({
      RequestParameters: { 'overwrite:header.x-tenant': '$request.header.x-tenant-id', 'overwrite:path': '/v1/items/$request.path.id' },
      ResponseParameters: { '200': { 'overwrite:header.cache-control': 'max-age=60' }, '404': { 'overwrite:statuscode': '410', 'append:header.x-gone': 'true' } },
    });
  });

  it('changes each extension out of band, as a console user would (the edits a drift check must see)', async () => {
    if (!available) return;
    const restApiId = JSON.parse((await aws('apigateway', 'create-rest-api', '--name', 'oob')).stdout).id as string;
    const put = await aws('apigateway', 'put-gateway-response', '--rest-api-id', restApiId, '--response-type', 'DEFAULT_4XX', '--response-parameters', JSON.stringify({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" }));
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout)).toMatchObject({ responseType: 'DEFAULT_4XX', defaultResponse: false });
    const upd = await aws('apigateway', 'update-gateway-response', '--rest-api-id', restApiId, '--response-type', 'THROTTLED', '--patch-operations', 'op=replace,path=/statusCode,value=503');
    expect(JSON.parse(upd.stdout)).toMatchObject({ statusCode: '503', defaultResponse: false });
    expect((await aws('apigateway', 'delete-gateway-response', '--rest-api-id', restApiId, '--response-type', 'THROTTLED')).code).toBe(0);
    const settings = await aws('apigateway', 'update-rest-api', '--rest-api-id', restApiId, '--patch-operations',
      'op=replace,path=/minimumCompressionSize,value=2048', 'op=replace,path=/apiKeySource,value=AUTHORIZER', 'op=add,path=/binaryMediaTypes/image~1gif',
      'op=replace,path=/description,value=edited', 'op=replace,path=/disableExecuteApiEndpoint,value=true');
    expect(JSON.parse(settings.stdout)).toMatchObject({ minimumCompressionSize: 2048, apiKeySource: 'AUTHORIZER', binaryMediaTypes: ['image/gif'], description: 'edited', disableExecuteApiEndpoint: true });
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] });
    const withPolicy = await aws('apigateway', 'update-rest-api', '--rest-api-id', restApiId, '--patch-operations', JSON.stringify([{ op: 'replace', path: '/policy', value: policy }]));
    expect(JSON.parse(withPolicy.stdout).policy).toContain(`${restApiId}\\/*`);
    const badPolicy = await aws('apigateway', 'update-rest-api', '--rest-api-id', restApiId, '--patch-operations', 'op=replace,path=/policy,value=nope');
    expect(badPolicy.code).not.toBe(0);
    expect(badPolicy.stderr).toContain('BadRequestException');
    expect(badPolicy.stderr).toContain('Invalid policy document');

    const apiId = JSON.parse((await aws('apigatewayv2', 'create-api', '--name', 'oob-http', '--protocol-type', 'HTTP')).stdout).ApiId as string;
    const cors = await aws('apigatewayv2', 'update-api', '--api-id', apiId, '--cors-configuration', 'AllowOrigins=https://evil.example.com,AllowMethods=GET,MaxAge=5');
    expect(JSON.parse(cors.stdout).CorsConfiguration).toEqual({ AllowOrigins: ['https://evil.example.com'], AllowMethods: ['GET'], MaxAge: 5 });
    const refused = await aws('apigatewayv2', 'update-api', '--api-id', apiId, '--cors-configuration', 'AllowOrigins=*,AllowCredentials=true');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("allow-credentials is not supported if 'allow-origin' is *");
    expect((await aws('apigatewayv2', 'delete-cors-configuration', '--api-id', apiId)).code).toBe(0);
    const integrationId = JSON.parse((await aws('apigatewayv2', 'create-integration', '--api-id', apiId, '--integration-type', 'HTTP_PROXY', '--integration-method', 'GET', '--integration-uri', 'https://items.example.com', '--payload-format-version', '1.0')).stdout).IntegrationId as string;
    const mapped = await aws('apigatewayv2', 'update-integration', '--api-id', apiId, '--integration-id', integrationId,
      '--request-parameters', JSON.stringify({ 'overwrite:header.x-forged': 'yes' }), '--response-parameters', JSON.stringify({ '500': { 'overwrite:statuscode': '200' } }));
    expect(JSON.parse(mapped.stdout)).toMatchObject({ RequestParameters: { 'overwrite:header.x-forged': 'yes' }, ResponseParameters: { '500': { 'overwrite:statuscode': '200' } } });
  });
});
