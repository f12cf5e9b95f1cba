/**
 * What AWS refuses about stage settings is refused before anything is written: execution
 * logging in an account without API Gateway's CloudWatch Logs role (one GetAccount, then
 * nothing), and a web ACL on an HTTP API (validate). And a web ACL replaced by another:
 * AssociateWebACL moves the stage, and the plan says it is security-relevant.
 */
import { UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import { GetWebACLForResourceCommand } from '@aws-sdk/client-wafv2';
import { afterEach, describe, expect, it } from 'vitest';
import { EXAMPLE_WEB_ACL, startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runPlan } from '../../../src/engine/index.js';
import { CloudWatchRoleMissingError } from '../../../src/aws/apply/logging-role.js';
import { QUOTA_SCALE, REGION, copyState, editYaml, liveApis, sdkClients, writesSince } from '../apply/helpers.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const aclArn = (name: string, id: string) => `arn:aws:wafv2:${REGION}:000000000000:regional/webacl/${name}/${id}`;

describe('stage settings AWS refuses', () => {
  it("logging without the account's CloudWatch Logs role: refused before the first write, with how to set the role", async () => {
    emu = await startEmulator({ port: 0, quotas: true, quotaScale: QUOTA_SCALE, cloudWatchRoleArn: null });
    const clients = sdkClients(emu.url);
    const dir = copyState();
    const err = await runApply({ dir, clients, yes: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CloudWatchRoleMissingError);
    expect((err as Error).message).toContain(
      "shop/prod: logging to CloudWatch Logs needs the account's CloudWatch Logs role",
    );
    expect((err as CloudWatchRoleMissingError).hint).toContain(
      'aws apigateway update-account --patch-operations op=replace,path=/cloudwatchRoleArn',
    );
    expect(writesSince(emu, 0)).toEqual([]);

    // Once the account has a role, the same apply goes through.
    await clients.apigw.send(
      new UpdateAccountCommand({
        patchOperations: [
          { op: 'replace', path: '/cloudwatchRoleArn', value: 'arn:aws:iam::000000000000:role/apigw-logs' },
        ],
      }),
    );
    const r = await runApply({ dir, clients, yes: true });
    expect(r.failures.map((f) => f.message)).toEqual([]);
    expect(r.status).toBe('applied');
  }, 120_000);

  it("AWS WAF on an HTTP API: validate refuses it with AWS's reason, nothing is written", async () => {
    emu = await startEmulator({ port: 0, quotas: true, quotaScale: QUOTA_SCALE });
    const clients = sdkClients(emu.url);
    const dir = copyState();
    editYaml(dir, 'apis/events/api.yaml', (d) =>
      d.setIn(['stages', 'live', 'webAclArn'], aclArn(EXAMPLE_WEB_ACL.name, EXAMPLE_WEB_ACL.id)),
    );
    const r = await runApply({ dir, clients, yes: true });
    expect(r.status).toBe('invalid');
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['http-api-waf']);
    expect(r.issuesText).toContain('apis/events/api.yaml');
    expect(writesSince(emu, 0)).toEqual([]);
  }, 60_000);

  it('a web ACL replaced by another: the plan flags it security-relevant, AssociateWebACL moves the stage', async () => {
    const second = { name: 'shop-strict', id: '2b7e9c41-6d0a-4f3e-8c15-9a4d7e2f6b30', rules: [] };
    emu = await startEmulator({ port: 0, quotas: true, quotaScale: QUOTA_SCALE, webAcls: [EXAMPLE_WEB_ACL, second] });
    const clients = sdkClients(emu.url);
    const dir = copyState();
    expect((await runApply({ dir, clients, yes: true })).failures).toEqual([]);
    editYaml(dir, 'apis/shop/api.yaml', (d) =>
      d.setIn(['stages', 'prod', 'webAclArn'], aclArn(second.name, second.id)),
    );
    const p = await runPlan({ dir, clients });
    if (p.status !== 'ok') throw new Error(p.issuesText);
    const change = p.plan.steps.map((s) => s.change).find((c) => c.id === 'shop/stage/prod')!;
    expect(change.fields.map((f) => f.path)).toEqual(['webAclArn']);
    expect(change.flags).toMatchObject({ security: true, reasons: ['AWS WAF web ACL replaced'] });
    expect((await runApply({ dir, clients, yes: true })).failures).toEqual([]);
    const shop = (await liveApis(clients)).find((a) => a.name === 'shop-api')!;
    const acl = await clients.wafv2.send(
      new GetWebACLForResourceCommand({
        ResourceArn: `arn:aws:apigateway:${REGION}::/restapis/${shop.id}/stages/prod`,
      }),
    );
    expect(acl.WebACL?.Name).toBe('shop-strict');
    const again = await runPlan({ dir, clients });
    expect(again.status === 'ok' && again.hasChanges).toBe(false);
  }, 120_000);
});
