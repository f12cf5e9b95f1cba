/**
 * --state-file keeps issue 13's resources per account and region across a restart: domains and
 * mappings, usage plans, API keys (values included), VPC links (a pending one turns available
 * on time after the restart), client certificates, the account's settings, web ACLs and
 * associations, SSM parameters and secrets.
 */
import * as v1 from '@aws-sdk/client-api-gateway';
import * as sm from '@aws-sdk/client-secrets-manager';
import * as ssm from '@aws-sdk/client-ssm';
import * as waf from '@aws-sdk/client-wafv2';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployMockRestApi, sdkConfig, startTestEmulator } from './core-setup.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emu-state-13-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cfg = sdkConfig;
const CERT = 'arn:aws:acm:eu-west-1:111111111111:certificate/12345678-1234-1234-1234-123456789012';

describe('state file: issue 13 resources', () => {
  it('survive a restart, each in its account and region', async () => {
    const file = join(dir, 'state.json');
    const first = await startTestEmulator({ stateFile: file, vpcLinkPendingMs: 0 });
    const c = new v1.APIGatewayClient(cfg(first, 'eu-west-1', '111111111111'));
    const api = { id: (await deployMockRestApi(c)).restApiId };
    await c.send(
      new v1.CreateDomainNameCommand({
        domainName: 'api.example.com',
        regionalCertificateArn: CERT,
        endpointConfiguration: { types: ['REGIONAL'] },
      }),
    );
    await c.send(
      new v1.CreateBasePathMappingCommand({
        domainName: 'api.example.com',
        restApiId: api.id,
        stage: 'prod',
        basePath: 'shop',
      }),
    );
    const plan = await c.send(
      new v1.CreateUsagePlanCommand({ name: 'gold', apiStages: [{ apiId: api.id, stage: 'prod' }] }),
    );
    const key = await c.send(new v1.CreateApiKeyCommand({ name: 'partner' }));
    await c.send(new v1.CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
    const link = await c.send(
      new v1.CreateVpcLinkCommand({
        name: 'l',
        targetArns: ['arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/n/0123456789abcdef'],
      }),
    );
    const cert = await c.send(new v1.GenerateClientCertificateCommand({}));
    await c.send(
      new v1.UpdateAccountCommand({
        patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::111111111111:role/logs' }],
      }),
    );
    const w = new waf.WAFV2Client(cfg(first, 'eu-west-1', '111111111111'));
    const acl = await w.send(
      new waf.CreateWebACLCommand({
        Name: 'acl',
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'acl' },
      }),
    );
    const stageArn = `arn:aws:apigateway:eu-west-1::/restapis/${api.id}/stages/prod`;
    await w.send(new waf.AssociateWebACLCommand({ WebACLArn: acl.Summary!.ARN, ResourceArn: stageArn }));
    await new ssm.SSMClient(cfg(first, 'eu-west-1', '111111111111')).send(
      new ssm.PutParameterCommand({ Name: '/k', Value: 'abcdefghij0123456789', Type: 'SecureString' }),
    );
    await new sm.SecretsManagerClient(cfg(first, 'eu-west-1', '111111111111')).send(
      new sm.CreateSecretCommand({ Name: 'k', SecretString: 'abcdefghij0123456789' }),
    );
    await first.stop();

    const saved = JSON.parse(readFileSync(file, 'utf8')) as { partitions: Record<string, Record<string, unknown>> };
    expect(Object.keys(saved.partitions['111111111111/eu-west-1']).sort()).toEqual(
      expect.arrayContaining([
        'apigateway-domains',
        'apigateway-usage-plans',
        'apigateway-vpc-links',
        'apigateway-account',
        'wafv2',
        'ssm',
        'secretsmanager',
      ]),
    );

    const second = await startTestEmulator({ stateFile: file });
    const c2 = new v1.APIGatewayClient(cfg(second, 'eu-west-1', '111111111111'));
    expect(
      (await c2.send(new v1.GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'shop' }))).restApiId,
    ).toBe(api.id);
    expect(
      (await c2.send(new v1.GetUsagePlanKeysCommand({ usagePlanId: plan.id }))).items?.map((k) => [k.id, k.value]),
    ).toEqual([[key.id, key.value]]);
    expect((await c2.send(new v1.GetVpcLinkCommand({ vpcLinkId: link.id }))).status).toBe('AVAILABLE');
    expect(
      (await c2.send(new v1.GetClientCertificateCommand({ clientCertificateId: cert.clientCertificateId })))
        .pemEncodedCertificate,
    ).toBe(cert.pemEncodedCertificate);
    expect((await c2.send(new v1.GetAccountCommand({}))).cloudwatchRoleArn).toBe('arn:aws:iam::111111111111:role/logs');
    expect((await c2.send(new v1.GetStageCommand({ restApiId: api.id, stageName: 'prod' }))).webAclArn).toBe(
      acl.Summary!.ARN,
    );
    expect(
      (
        await new waf.WAFV2Client(cfg(second, 'eu-west-1', '111111111111')).send(
          new waf.GetWebACLForResourceCommand({ ResourceArn: stageArn }),
        )
      ).WebACL?.Name,
    ).toBe('acl');
    expect(
      (
        await new ssm.SSMClient(cfg(second, 'eu-west-1', '111111111111')).send(
          new ssm.GetParameterCommand({ Name: '/k', WithDecryption: true }),
        )
      ).Parameter?.Value,
    ).toBe('abcdefghij0123456789');
    expect(
      (
        await new sm.SecretsManagerClient(cfg(second, 'eu-west-1', '111111111111')).send(
          new sm.GetSecretValueCommand({ SecretId: 'k' }),
        )
      ).SecretString,
    ).toBe('abcdefghij0123456789');
    // Nothing of it in the default account or another region.
    const other = new v1.APIGatewayClient(cfg(second, 'eu-west-1'));
    expect((await other.send(new v1.GetDomainNamesCommand({}))).items ?? []).toEqual([]);
    expect((await other.send(new v1.GetUsagePlansCommand({}))).items ?? []).toEqual([]);
    expect(
      (await new v1.APIGatewayClient(cfg(second, 'us-east-1', '111111111111')).send(new v1.GetApiKeysCommand({})))
        .items ?? [],
    ).toEqual([]);
    await second.stop();
  });
});
