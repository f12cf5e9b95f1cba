import { describe, expect, it } from 'vitest';
import { parseSlashCommand } from '../../../src/github/commands.js';
import { ConfigError, DEFAULT_CONFIG, parseRepoConfig } from '../../../src/github/config.js';

describe('.github/apigw-sync.yml', () => {
  it.each([
    ['absent', undefined, DEFAULT_CONFIG],
    ['empty', '', DEFAULT_CONFIG],
    [
      'full',
      'region: ap-northeast-2\nroleArn: arn:aws:iam::123456789012:role/apigw-sync\npath: infra/gateway-state/\ncost:\n  commentThreshold: { usd: 10, percent: 5 }\nrequiredApprovals: 2\napprovals: { minPermission: maintain, codeowners: true }\nbranch: release\nexecutor: in-process\napplyWorkflow: apply.yaml\n',
      {
        region: 'ap-northeast-2',
        roleArn: 'arn:aws:iam::123456789012:role/apigw-sync',
        path: 'infra/gateway-state',
        cost: { commentThreshold: { usd: 10, percent: 5 } },
        requiredApprovals: 2,
        approvals: { minPermission: 'maintain', codeowners: true },
        branch: 'release',
        executor: 'in-process',
        applyWorkflow: 'apply.yaml',
      },
    ],
    [
      'defaults: actions executor, write access, no CODEOWNERS',
      'requiredApprovals: 1\n',
      {
        ...DEFAULT_CONFIG,
        executor: 'actions',
        approvals: { minPermission: 'write', codeowners: false },
        applyWorkflow: 'gateway-apply.yml',
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseRepoConfig(text)).toEqual(expected);
  });

  it.each([
    ['unknown key', 'requiredApproval: 2', /requiredApproval/],
    ['bad region', 'region: Seoul', /region: an AWS region/],
    ['bad role', 'roleArn: my-role', /roleArn: an IAM role ARN/],
    ['negative approvals', 'requiredApprovals: -1', /requiredApprovals/],
    ['not YAML', 'a: [', /not valid YAML/],
    ['unknown executor', 'executor: lambda', /executor/],
    ['read as approval permission', 'approvals: { minPermission: read }', /approvals.minPermission/],
    ['a workflow path', 'applyWorkflow: ../evil.yml', /applyWorkflow: a workflow file name/],
  ])('rejects %s, naming the key', (_name, text, message) => {
    expect(() => parseRepoConfig(text)).toThrow(ConfigError);
    expect(() => parseRepoConfig(text)).toThrow(message);
  });
});

describe('slash commands', () => {
  it.each([
    ['/apigw-sync plan', { name: 'plan' }],
    ['  /apigw-sync apply\nthanks!', { name: 'apply' }],
    ['/apigw-sync unlock shop-api', { name: 'unlock', api: 'shop-api' }],
    ['/apigw-sync unlock', { name: 'unlock', api: undefined }],
    ['/apigw-sync destroy', { name: 'unknown', text: '/apigw-sync destroy' }],
    ['/apigw-sync apply now', { name: 'unknown', text: '/apigw-sync apply now' }],
    ['please /apigw-sync apply', undefined],
    ['LGTM', undefined],
  ])('%j', (body, expected) => {
    expect(parseSlashCommand(body)).toEqual(expected);
  });
});
