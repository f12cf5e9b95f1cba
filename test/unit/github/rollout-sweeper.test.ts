import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { startRolloutSweeper, sweeperFromEnv } from '../../../src/github/rollout-sweeper.js';
import { createAwsClients } from '../../../src/aws/clients.js';

const log = () => {
  const lines: string[] = [];
  return { lines, info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`) };
};

describe('sweeperFromEnv', () => {
  it('is off with APIGW_SYNC_SWEEP_MINUTES=0', () => {
    expect(sweeperFromEnv({ APIGW_SYNC_SWEEP_MINUTES: '0', AWS_REGION: 'us-east-1' }, log())).toBeUndefined();
  });
  it('is off, and says why, without a region or with a bad interval', () => {
    const l = log();
    expect(sweeperFromEnv({}, l)).toBeUndefined();
    expect(sweeperFromEnv({ APIGW_SYNC_SWEEP_MINUTES: 'soon', AWS_REGION: 'us-east-1' }, l)).toBeUndefined();
    expect(l.lines).toEqual([
      'warn rollout sweeper off: no region to sweep (set APIGW_SYNC_SWEEP_REGIONS or AWS_REGION)',
      'warn rollout sweeper off: APIGW_SYNC_SWEEP_MINUTES must be a number of minutes (0 = off), got "soon"',
    ]);
  });
});

describe('startRolloutSweeper', () => {
  let emu: RunningEmulator;
  beforeAll(async () => (emu = await startEmulator({ port: 0 })));
  afterAll(async () => emu?.stop());

  it('sweeps at once and then on its interval, each sweep two listing calls per region when nothing is in progress', async () => {
    const clients = ['us-east-1', 'ap-northeast-2'].map((region) =>
      createAwsClients({ region, endpoint: emu.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
    );
    const l = log();
    const since = emu.control.calls({}).at(-1)?.seq ?? 0;
    const sweeper = startRolloutSweeper({ regions: clients, intervalMs: 50, log: l, driver: 'app:test/1/aaaaaa' });
    try {
      await sweeper.idle();
      // Wait for the interval to fire at least twice more (a condition, not a duration).
      while (emu.control.calls({ since, operation: 'GetRestApis' }).length < 6)
        await new Promise((r) => setTimeout(r, 20));
      expect(await sweeper.sweep()).toEqual({ started: [], alreadyDriving: [] });
    } finally {
      sweeper.stop();
    }
    const ops = new Set(emu.control.calls({ since }).map((c) => c.operation));
    expect(ops).toEqual(new Set(['GetRestApis', 'GetApis']));
    expect(l.lines[0]).toBe('info rollout sweeper app:test/1/aaaaaa: every 0 s in us-east-1, ap-northeast-2');
  });
});
