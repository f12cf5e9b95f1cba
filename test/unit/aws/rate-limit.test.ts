/** The rate limiter under a fake clock: exact, deterministic waits. */
import { describe, expect, it } from 'vitest';
import { RateLimiter, type LimiterClock } from '../../../src/aws/rate-limit.js';
import { Quotas } from '../../../src/emulator/core/quotas.js';

/** Time moves only when the test says so; sleepers wake in deadline order. */
class FakeClock implements LimiterClock {
  t = 0;
  private timers: Array<{ at: number; wake: () => void }> = [];
  now = () => this.t;
  sleep = (ms: number) => new Promise<void>((wake) => this.timers.push({ at: this.t + ms, wake }));
  /** Advance to each due timer in turn, letting woken callers run before the next. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.wake();
    }
    this.t = end;
    await flush();
  }
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Runs `n` acquires one after another, advancing the clock as they wait; returns the time taken. */
async function sequential(
  limiter: RateLimiter,
  clock: FakeClock,
  n: number,
  service: 'apigateway' | 'apigatewayv2' | 'cloudwatch',
  op: string,
): Promise<number> {
  const start = clock.t;
  for (let i = 0; i < n; i++) {
    const p = limiter.acquire(service, op);
    let done = false;
    void p.then(() => (done = true));
    await flush();
    while (!done) await clock.advance(10);
  }
  return clock.t - start;
}

describe('RateLimiter', () => {
  it('lets the account burst (40) through at once, then 90% of 10 rps', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    expect(await sequential(limiter, clock, 40, 'apigateway', 'GetRestApis')).toBe(0);
    const t = await sequential(limiter, clock, 9, 'apigateway', 'GetStages');
    // 9 more tokens at 9 per second: one second, to the 10 ms step of the fake clock.
    expect(t).toBeGreaterThanOrEqual(1000);
    expect(t).toBeLessThanOrEqual(1010);
    expect(limiter.stats.acquired).toBe(49);
    expect(limiter.stats.waited).toBe(9);
  });

  it.each([
    ['GetResources', 5, 2.5],
    ['CreateDeployment', 1, 0.2],
    ['DeleteRestApi', 1, 1 / 30],
  ])('%s has its own bucket (burst %d, %d per second)', async (op, burst, rate) => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    expect(await sequential(limiter, clock, burst, 'apigateway', op)).toBe(0);
    const t = await sequential(limiter, clock, 1, 'apigateway', op);
    const expected = 1000 / (rate * 0.9);
    expect(t).toBeGreaterThanOrEqual(Math.floor(expected));
    expect(t).toBeLessThanOrEqual(expected + 10);
  });

  it('v1 and v2 share the account bucket; CloudWatch draws from neither', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    expect(await sequential(limiter, clock, 40, 'apigateway', 'GetRestApis')).toBe(0);
    expect(await sequential(limiter, clock, 100, 'cloudwatch', 'GetMetricData')).toBe(0);
    expect(await sequential(limiter, clock, 1, 'apigatewayv2', 'GetApis')).toBeGreaterThan(100);
  });

  it('a caller waiting for a slow operation does not hold up other operations', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const done: string[] = [];
    for (let i = 0; i < 6; i++)
      void limiter.acquire('apigateway', 'GetResources').then(() => done.push(`GetResources${i}`));
    void limiter.acquire('apigateway', 'GetStages').then(() => done.push('GetStages'));
    await flush();
    expect(done.sort()).toEqual([
      'GetResources0',
      'GetResources1',
      'GetResources2',
      'GetResources3',
      'GetResources4',
      'GetStages',
    ]);
    await clock.advance(500);
    expect(done.at(-1)).toBe('GetResources5');
  });

  it('serves callers of one operation in arrival order', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const order: number[] = [];
    for (let i = 0; i < 9; i++) void limiter.acquire('apigateway', 'CreateDeployment').then(() => order.push(i));
    await clock.advance(60_000);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('halves the account rate when AWS throttles, and wins it back with successes', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    limiter.throttled();
    limiter.throttled();
    expect(limiter.accountFactor).toBe(0.25);
    for (let i = 0; i < 5; i++) limiter.throttled();
    expect(limiter.accountFactor).toBe(0.2); // never below a fifth
    await sequential(limiter, clock, 40, 'apigateway', 'GetRestApis');
    const slow = await sequential(limiter, clock, 1, 'apigateway', 'GetRestApis');
    expect(slow).toBeGreaterThanOrEqual(Math.floor(1000 / (9 * 0.2)));
    for (let i = 0; i < 100; i++) limiter.succeeded();
    expect(limiter.accountFactor).toBe(1);
    expect(limiter.stats.throttled).toBe(7);
  });

  it('non-adaptive limiters keep their rate; scale multiplies every rate', async () => {
    const clock = new FakeClock();
    const fixed = new RateLimiter({ clock, adaptive: false });
    fixed.throttled();
    expect(fixed.accountFactor).toBe(1);
    const fast = new RateLimiter({ clock, scale: 20 });
    await sequential(fast, clock, 5, 'apigateway', 'GetResources');
    const t = await sequential(fast, clock, 1, 'apigateway', 'GetResources');
    expect(t).toBeLessThanOrEqual(30); // 1 / (2.5 × 20 × 0.9) s = 22 ms
  });

  it("takes an operation's own token and the account's at the same instant, so AWS's buckets (counting arrivals) never run dry", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const released: Array<{ op: string; t: number }> = [];
    const ask = (service: 'apigateway' | 'apigatewayv2', op: string) =>
      void limiter.acquire(service, op).then(() => released.push({ op, t: clock.t }));
    // 20 APIs read at once, as plan does: five calls each, two with their own quota.
    for (let api = 0; api < 20; api++)
      for (const op of ['GetResources', 'GetStages', 'GetAuthorizers', 'GetModels', 'GetRequestValidators'])
        ask('apigateway', op);
    for (let i = 0; i < 20; i++) ask('apigatewayv2', 'GetRoutes');
    await clock.advance(30_000);
    expect(released).toHaveLength(120);
    // Replay the releases, as arrivals, into the emulator's model of AWS's buckets.
    let now = 0;
    const aws = new Quotas({ now: () => now });
    for (const r of released) {
      now = r.t;
      expect(aws.admit(r.op === 'GetRoutes' ? 'apigatewayv2' : 'apigateway', r.op), `${r.op} at ${r.t} ms`).toEqual({
        ok: true,
      });
    }
    // And no slower than the account allows at 90 %: (120 − 40) / 9 s.
    expect(released.at(-1)!.t).toBeLessThanOrEqual(Math.ceil((80 / 9) * 1000) + 10);
  });

  it('a caller whose own slow bucket has a token is not queued behind callers that wait for the account only', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    await sequential(limiter, clock, 40, 'apigateway', 'GetRestApis');
    const order: string[] = [];
    for (let i = 0; i < 30; i++)
      void limiter.acquire('apigateway', 'GetStages').then(() => order.push(`GetStages${i}`));
    void limiter.acquire('apigateway', 'GetResources').then(() => order.push('GetResources'));
    await clock.advance(120); // one account token
    expect(order).toEqual(['GetResources']);
    await clock.advance(115);
    expect(order).toEqual(['GetResources', 'GetStages0']);
  });

  it('a throttled operation with its own quota slows its own bucket; any other slows the account', () => {
    const limiter = new RateLimiter({ clock: new FakeClock() });
    limiter.throttled('apigateway', 'GetResources');
    expect(limiter.accountFactor).toBe(1);
    limiter.throttled('apigatewayv2', 'GetRoutes');
    expect(limiter.accountFactor).toBe(0.5);
    limiter.succeeded('apigateway', 'GetResources');
    expect(limiter.accountFactor).toBe(0.52);
    expect(limiter.stats.throttled).toBe(2);
  });
});
