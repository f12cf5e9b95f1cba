/**
 * What the engine reports while it works. The CLI prints these as progress lines; the
 * GitHub App/Action turn them into check-run updates. The engine itself never prints.
 */
import type { PlanStep } from '../model/plan.js';

export type EngineEvent =
  | { type: 'state.loaded'; dir: string; apis: number; errors: number; warnings: number }
  | { type: 'live.read'; apis: number; unmanaged: number }
  | { type: 'pending.found'; apiKey: string; stages: string[]; fingerprint: string }
  | { type: 'lock.acquired'; apiKey: string; apiId: string }
  | { type: 'lock.took-over'; apiKey: string; previousOwner: string; why: string }
  | { type: 'lock.released'; apiKey: string }
  | { type: 'step.start'; apiKey: string; step: PlanStep }
  | { type: 'step.done'; apiKey: string; step: PlanStep }
  | { type: 'step.failed'; apiKey: string; step: PlanStep; error: string }
  | { type: 'deploy.start'; apiKey: string; stages: string[] }
  | { type: 'deploy.done'; apiKey: string; stages: string[]; deploymentId?: string }
  | { type: 'deploy.failed'; apiKey: string; stages: string[]; error: string }
  | { type: 'aws.call'; apiKey?: string; operation: string; write: boolean }
  /** An account-scope record apply waits for (a new VPC link: PENDING → AVAILABLE). */
  | { type: 'account.waiting'; target: string; name: string; status: string; message?: string; waitedMs: number }
  | { type: 'prune.deleted'; apiId: string; name: string }
  /** An API key's value source cannot be read here (a PR plan without the CI secret): its value is not compared (never the value). */
  | { type: 'key-value.uncompared'; key: string; why: string };

export type EventSink = (event: EngineEvent) => void;

export const noEvents: EventSink = () => {};
