/**
 * Start-up: which command modules the CLI loads for which arguments, which SDK packages a
 * command's module graph pulls in, and what a user hears about their Node.js version.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../../src/cli/commands.js';
import { checkNodeVersion, SDK_WARNING_SWITCH, withoutSdkNodeWarning } from '../../../src/node-support.js';

const ALL = Object.keys(COMMANDS);

describe('commandsFor: only the command that runs is loaded', () => {
  it.each([
    { args: ['--version'], load: [] },
    { args: ['-V'], load: [] },
    { args: ['validate', 'gateway-state'], load: ['validate'] },
    { args: ['plan', '--format', 'json'], load: ['plan'] },
    { args: ['prices', 'refresh', '--region', 'us-east-1'], load: ['prices'] },
    { args: ['validate', '--help'], load: ['validate'] },
    { args: [], load: ALL },
    { args: ['--help'], load: ALL },
    { args: ['help', 'plan'], load: ALL },
    { args: ['valdate'], load: ALL },
    { args: ['constructor'], load: ALL },
  ])('$args → $load', ({ args, load }) => {
    expect(commandsFor(args)).toEqual(load);
  });
});

/** @aws-sdk packages are CommonJS without `exports`: every load, imported or required, lands in require.cache. */
function loadedSdkPackages(): string[] {
  const cache = createRequire(import.meta.url).cache;
  const names = Object.keys(cache).map((p) => /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(p)?.[1]);
  return [...new Set(names.filter((n): n is string => Boolean(n)))].sort();
}

describe("a command's module graph loads the SDK clients it uses, and no other", () => {
  // One test file = one fresh process (pool: forks), so the order below is the order of loading.
  it('validate loads no AWS SDK client', async () => {
    await COMMANDS.validate();
    expect(loadedSdkPackages()).toEqual([]);
  });

  it('plan loads API Gateway v1 and v2; CloudWatch only when a client is first asked for it', async () => {
    await COMMANDS.plan();
    const { createAwsClients } = await import('../../../src/aws/clients.js');
    const clients = createAwsClients({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    expect(loadedSdkPackages()).toEqual(['@aws-sdk/client-api-gateway', '@aws-sdk/client-apigatewayv2']);
    expect(typeof clients.cloudwatch.send).toBe('function');
    expect(clients.cloudwatch).toBe(clients.cloudwatch);
    expect(loadedSdkPackages()).toEqual([
      '@aws-sdk/client-api-gateway',
      '@aws-sdk/client-apigatewayv2',
      '@aws-sdk/client-cloudwatch',
    ]);
  });
});

describe('checkNodeVersion', () => {
  it.each([
    { version: '20.11.1', supported: true },
    { version: '22.12.0', supported: true },
    { version: '24.9.0', supported: true },
    { version: '18.20.4', supported: false },
    { version: '21.7.3', supported: false },
    { version: '23.1.0', supported: false },
    { version: '26.0.0', supported: false },
  ])(
    'Node $version: supported=$supported, the SDK warning off, one line of ours when unsupported',
    ({ version, supported }) => {
      const env: NodeJS.ProcessEnv = {};
      const lines: string[] = [];
      expect(checkNodeVersion({ version, env, warn: (l) => lines.push(l) })).toBe(supported);
      expect(env[SDK_WARNING_SWITCH]).toBe('true');
      if (supported) expect(lines).toEqual([]);
      else {
        expect(lines).toHaveLength(1);
        expect(lines[0]).toBe(
          `apigw-sync: Node.js ${version} is not a supported version (supported: 20, 22, 24). Commands may fail; install Node.js 24 LTS (e.g. \`nvm install 24\`) and run apigw-sync with it.\n`,
        );
      }
    },
  );

  it("leaves the SDK's switch alone when the user set it", () => {
    const env: NodeJS.ProcessEnv = { [SDK_WARNING_SWITCH]: 'false' };
    checkNodeVersion({ version: '20.19.0', env, warn: () => {} });
    expect(env[SDK_WARNING_SWITCH]).toBe('false');
  });
});

describe('withoutSdkNodeWarning', () => {
  it("turns the SDK's switch on while a client is made, then restores the environment", () => {
    const env: NodeJS.ProcessEnv = {};
    expect(withoutSdkNodeWarning(() => env[SDK_WARNING_SWITCH], env, '22.1.0')).toBe('true');
    expect(env).toEqual({});
  });

  it('leaves an unsupported version, and a user who chose, to the SDK', () => {
    expect(withoutSdkNodeWarning(() => process.env[SDK_WARNING_SWITCH], {}, '21.0.0')).toBe(
      process.env[SDK_WARNING_SWITCH],
    );
    const env: NodeJS.ProcessEnv = { [SDK_WARNING_SWITCH]: 'false' };
    expect(withoutSdkNodeWarning(() => env[SDK_WARNING_SWITCH], env, '24.0.0')).toBe('false');
  });
});
