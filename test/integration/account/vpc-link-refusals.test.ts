/**
 * VPC link combinations AWS refuses, refused by validate at the file and line before any
 * write (and, for the first, what the local endpoint answers as AWS does).
 */
import { CreateVpcLinkCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runPlan } from '../../../src/engine/index.js';
import { REGION, sdkClients, startTestEmulator, stateDir } from './helpers.js';

const NLB = (n: string, region = REGION) =>
  `arn:aws:elasticloadbalancing:${region}:000000000000:loadbalancer/net/${n}/0123456789abcdef`;

let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
});
afterAll(async () => emu?.stop());

describe('VPC link refusals', () => {
  it('two load balancers, another region, no subnets, a link of the wrong flavour, an undeclared link, a Lambda through a link', async () => {
    const dir = stateDir({
      'vpc-links/two.yaml': `for: RestApi\ntargetArns:\n  - ${NLB('a')}\n  - ${NLB('b')}\n`,
      'vpc-links/far.yaml': `for: RestApi\ntargetArns: [${NLB('far', 'us-west-2')}]\n`,
      'vpc-links/empty.yaml': 'for: HttpApi\nsubnetIds: []\n',
      'apis/shop/api.yaml': `kind: RestApi
name: shop-api
routes:
  GET /a:
    integration: { type: http_proxy, uri: http://a.internal.example.com/a, vpcLink: empty }
  GET /b:
    integration: { type: http_proxy, uri: http://b.internal.example.com/b, vpcLink: nowhere }
  GET /c:
    integration: { type: aws_proxy, uri: 'arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:000000000000:function:f/invocations', vpcLink: far }
stages:
  prod: {}
`,
    });
    const r = await runPlan({ dir, clients });
    expect(r.status).toBe('invalid');
    if (r.status !== 'invalid') return;
    const got = r.issues
      .filter((i) => i.severity === 'error')
      .map((i) => `${i.code} ${i.location?.file.split('gateway-state/')[1]}:${i.location?.line}`)
      .sort();
    expect(got).toEqual(
      [
        'vpc-link-target vpc-links/two.yaml:4',
        'vpc-link-target vpc-links/far.yaml:2',
        'vpc-link-subnets vpc-links/empty.yaml:2',
        'vpc-link-kind apis/shop/api.yaml:5',
        'vpc-link-undefined apis/shop/api.yaml:7',
        'vpc-link-type apis/shop/api.yaml:9',
      ].sort(),
    );
    expect(r.issuesText).toContain('More than one target arn specified for vpc link.');
    // The local endpoint answers as AWS does.
    await expect(
      clients.apigw.send(new CreateVpcLinkCommand({ name: 'two', targetArns: [NLB('a'), NLB('b')] })),
    ).rejects.toThrow(/More than one target arn specified for vpc link/);
  });
});
