/**
 * The App's clients for a repository whose .github/apigw-sync.yml names `roleArn`: every client
 * signs with the credentials STS AssumeRole returned (STS mocked with aws-sdk-client-mock; the
 * signed request goes to a server on 127.0.0.1). Without `roleArn`, STS is never called.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { clientsForRepo } from '../../../src/github/engine-services.js';
import { parseRepoConfig } from '../../../src/github/config.js';
import type { AwsClients } from '../../../src/aws/clients.js';

const ROLE = 'arn:aws:iam::123456789012:role/apigw-sync-deployer';
const ROLE_KEY = 'ASIAROLEKEY000000001';
const ENV_KEY = 'AKIAENVKEY0000000001';

const sts = mockClient(STSClient);
let server: Server;
let url: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"item":[]}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

beforeEach(() => {
  sts.reset();
  seen.length = 0;
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: ROLE_KEY,
      SecretAccessKey: 'role-secret',
      SessionToken: 'role-session-token',
      Expiration: new Date(Date.now() + 3_600_000),
    },
  });
  // The App's own credentials (the default chain's first link); the role is assumed with them.
  vi.stubEnv('AWS_ACCESS_KEY_ID', ENV_KEY);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
});
afterEach(() => vi.unstubAllEnvs());

function build(
  configText: string,
  repo = { owner: 'acme', repo: 'shop' },
  env: NodeJS.ProcessEnv = { AWS_REGION: 'eu-west-1' },
): AwsClients {
  const clients = clientsForRepo({ config: parseRepoConfig(configText), repo, env });
  if (typeof clients !== 'function') throw new Error('expected a factory');
  return clients('us-east-1');
}

async function accessKeys(c: AwsClients): Promise<string[]> {
  return Promise.all(
    [c.apigw, c.apigwv2, c.cloudwatch].map(async (client) => (await client.config.credentials()).accessKeyId),
  );
}

describe('clientsForRepo', () => {
  it('with roleArn: all three clients use the assumed role, from one AssumeRole call', async () => {
    const c = build(`roleArn: ${ROLE}\n`);
    expect(await accessKeys(c)).toEqual([ROLE_KEY, ROLE_KEY, ROLE_KEY]);
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({ RoleArn: ROLE, RoleSessionName: 'apigw-sync-acme-shop' });
    // STS is called in the state's region (the App's own AWS_REGION never overrides it), with the App's own credentials.
    const stsClient = calls[0].thisValue as STSClient;
    expect(await stsClient.config.region()).toBe('us-east-1');
    expect((await stsClient.config.credentials()).accessKeyId).toBe(ENV_KEY);
  });

  it('with roleArn: requests are signed with the assumed credentials and session token', async () => {
    const c = build(`roleArn: ${ROLE}\n`, undefined, { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: url });
    await c.apigw.send(new GetRestApisCommand({}));
    expect(seen).toHaveLength(1);
    expect(seen[0].authorization).toContain(`Credential=${ROLE_KEY}/`);
    expect(seen[0]['x-amz-security-token']).toBe('role-session-token');
  });

  it('without roleArn: the default chain (the App itself), STS never called', async () => {
    const c = build('region: eu-west-1\n', undefined, { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: url });
    expect(await accessKeys(c)).toEqual([ENV_KEY, ENV_KEY, ENV_KEY]);
    await c.apigw.send(new GetRestApisCommand({}));
    expect(seen[0].authorization).toContain(`Credential=${ENV_KEY}/`);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it('a long or unusual repository name still makes a valid session name', async () => {
    const owner = 'a-very-long-organisation-name-for-testing';
    const c = build(`roleArn: ${ROLE}\n`, { owner, repo: 'repo.with_odd~chars and more' });
    await accessKeys(c);
    const name = sts.commandCalls(AssumeRoleCommand)[0].args[0].input.RoleSessionName!;
    expect(name).toBe(`apigw-sync-${owner}-repo.with_o`);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
