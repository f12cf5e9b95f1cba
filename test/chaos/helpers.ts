/** Shared checks for the hostile-conditions suite: "converged" means nothing lost or half-written. */
import { expect } from 'vitest';
import { runPlan } from '../../src/engine/index.js';
import { TAG_LOCK, TAG_PENDING } from '../../src/model/live.js';
import { liveApis, type sdkClients } from '../integration/apply/helpers.js';

type Clients = ReturnType<typeof sdkClients>;

/** A fresh plan of `dir` is empty and no API carries a pending or lock tag. */
export async function expectConverged(dir: string, clients: Clients): Promise<void> {
  const p = await runPlan({ dir, clients });
  if (p.status !== 'ok') throw new Error(p.issuesText);
  expect(p.plan.steps.map((s) => s.change.id)).toEqual([]);
  expect(p.plan.deployments).toEqual({});
  expect(p.hasChanges).toBe(false);
  for (const a of await liveApis(clients)) {
    expect(a.tags[TAG_PENDING], `${a.name} pending tag`).toBeUndefined();
    expect(a.tags[TAG_LOCK], `${a.name} lock tag`).toBeUndefined();
  }
}
