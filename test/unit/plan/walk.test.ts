import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../src/plan/build.js';
import { DryRunExecutor } from '../../../src/plan/dry-run.js';
import { walkPlan, type WalkEvent } from '../../../src/plan/walk.js';
import type { PlanStep, StepExecutor } from '../../../src/model/plan.js';
import { api, gateway, route, snapshot, stage } from '../../helpers/model-builders.js';

const now = new Date('2026-11-23T09:00:00Z');

function samplePlan() {
  const shop = api('shop', 'RestApi', { stages: { prod: stage('prod') }, routes: [route('RestApi', 'GET', '/a')] });
  const events = api('events', 'HttpApi', { stages: { prod: stage('prod') }, routes: [route('HttpApi', 'GET', '/e')] });
  const liveShop = api('shop', 'RestApi', {
    stages: { prod: stage('prod') },
    routes: [route('RestApi', 'GET', '/old')],
  });
  return buildPlan({ desired: gateway([shop, events]), live: snapshot([liveShop]), now });
}

/** Records every call; throws on the call whose label is `failOn`. */
class RecordingExecutor implements StepExecutor {
  readonly calls: string[] = [];
  constructor(private readonly failOn?: string) {}
  async execute(step: PlanStep): Promise<void> {
    const label = `${step.seq} ${step.change.id} ${step.change.action}`;
    this.calls.push(label);
    if (label === this.failOn) throw new Error('boom');
  }
  async deploy(apiKey: string, stages: string[]): Promise<void> {
    const label = `deploy ${apiKey} ${stages.join(',')}`;
    this.calls.push(label);
    if (label === this.failOn) throw new Error('deploy boom');
  }
}

describe('walkPlan', () => {
  it('executes every step in order, deploying each API after its own steps', async () => {
    const plan = samplePlan();
    const ex = new RecordingExecutor();
    const result = await walkPlan(plan, ex);
    expect(ex.calls).toEqual([
      '1 events/api/events-api create',
      '2 events/integration/GET /e create',
      '3 events/route/GET /e create',
      '4 events/stage/prod create',
      'deploy events prod',
      '5 shop/route/GET /a update',
      'deploy shop prod',
    ]);
    expect(result.ok).toBe(true);
    expect(result.done.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(result.deployed).toEqual([
      { apiKey: 'events', stages: ['prod'] },
      { apiKey: 'shop', stages: ['prod'] },
    ]);
    expect(result.remainingSteps).toEqual([]);
  });

  it('stops at the first failing step and reports what is left', async () => {
    const plan = samplePlan();
    const ex = new RecordingExecutor('3 events/route/GET /e create');
    const result = await walkPlan(plan, ex);
    expect(result.ok).toBe(false);
    expect(ex.calls).toHaveLength(3);
    expect(result.done.map((s) => s.seq)).toEqual([1, 2]);
    expect(result.failed?.step?.seq).toBe(3);
    expect((result.failed?.error as Error).message).toBe('boom');
    expect(result.remainingSteps.map((s) => s.seq)).toEqual([3, 4, 5]);
    expect(result.remainingDeployments.map((d) => d.apiKey)).toEqual(['events', 'shop']);
  });

  it('a failed deployment stops the walk before the next API', async () => {
    const ex = new RecordingExecutor('deploy events prod');
    const result = await walkPlan(samplePlan(), ex);
    expect(result.failed?.deployment).toEqual({ apiKey: 'events', stages: ['prod'] });
    expect(result.done.map((s) => s.seq)).toEqual([1, 2, 3, 4]);
    expect(result.remainingSteps.map((s) => s.seq)).toEqual([5]);
    expect(result.remainingDeployments.map((d) => d.apiKey)).toEqual(['events', 'shop']);
    expect(ex.calls).not.toContain('5 shop/route/GET /a update');
  });

  it('reports progress events in order', async () => {
    const events: string[] = [];
    const onStep = (e: WalkEvent) =>
      events.push('step' in e ? `${e.type} ${e.step.seq}` : `${e.type} ${e.task.apiKey}`);
    await walkPlan(samplePlan(), new RecordingExecutor('5 shop/route/GET /a update'), { onStep });
    expect(events.slice(-6)).toEqual([
      'step.start 4',
      'step.done 4',
      'deploy.start events',
      'deploy.done events',
      'step.start 5',
      'step.failed 5',
    ]);
  });

  it('plan is the same walk with the dry-run executor', async () => {
    const plan = samplePlan();
    const dry = new DryRunExecutor();
    const rec = new RecordingExecutor();
    await walkPlan(plan, dry);
    await walkPlan(plan, rec);
    expect(
      dry.calls.map((c) =>
        c.kind === 'execute' ? `${c.seq} ${c.id} ${c.action}` : `deploy ${c.apiKey} ${c.stages.join(',')}`,
      ),
    ).toEqual(rec.calls);
    expect(dry.calls[0].description).toBe('create api events-api in events');
  });

  it('an empty plan does nothing', async () => {
    const shop = api('shop', 'RestApi', { routes: [route('RestApi', 'GET', '/a')] });
    const plan = buildPlan({ desired: gateway([shop]), live: snapshot([shop]), now });
    const ex = new RecordingExecutor();
    expect(await walkPlan(plan, ex)).toMatchObject({ ok: true, done: [], deployed: [] });
    expect(ex.calls).toEqual([]);
  });
});
