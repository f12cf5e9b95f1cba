/** Loading the desired state for the engine: compile + semantic rules (the same as `validate`). */
import { join } from 'node:path';
import type { GatewayModel } from '../model/api.js';
import type { EnvironmentSettings, EnvironmentTarget } from '../model/environment.js';
import { RegionMismatchError } from '../model/errors.js';
import type { AwsClients } from '../aws/clients.js';
import type { ValidationIssue } from '../model/issue.js';
import { formatIssuesText, validateState } from '../validate/index.js';
import type { EventSink } from './events.js';

export interface LoadedState {
  model: GatewayModel;
  issues: ValidationIssue[];
  /** True when any issue is an error: nothing may be written to AWS. */
  invalid: boolean;
  /** The issues as `validate` prints them (file:line:column, hint). */
  issuesText: string;
  /** The environment resolved (`environment` option), when valid. */
  environment?: EnvironmentSettings;
}

export interface LoadOptions {
  /** See loadDesired; with `environment`, which of its regions. */
  region?: string;
  /** Resolve this environment (environments/<name>.yaml over the base). */
  environment?: string;
}

/**
 * `region`: the engine's region setting (`--region`, the App's or the Action's `region`): it
 * fills in a state that declares none, and is an error when the state declares another.
 */
export async function loadDesired(dir: string, events: EventSink, opts: LoadOptions = {}): Promise<LoadedState> {
  const result = await validateState(dir, { region: opts.region, environment: opts.environment });
  if (!opts.environment && opts.region && result.model.region && result.model.region !== opts.region) {
    throw new RegionMismatchError(
      result.model.region,
      opts.region,
      'the region setting (--region, or `region` in the App or Action configuration)',
      join(dir, 'gateway.yaml'),
    );
  }
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  events({
    type: 'state.loaded',
    dir,
    apis: Object.keys(result.model.apis).length,
    errors,
    warnings: result.issues.length - errors,
  });
  return {
    model: result.model,
    issues: result.issues,
    invalid: !result.valid,
    issuesText: result.issues.length ? formatIssuesText(result.issues, result.files) : '',
    ...(result.environment ? { environment: result.environment } : {}),
  };
}

/** Where the clients of an environment's state go: its name, the region resolved, its account. */
export function targetOf(state: LoadedState): EnvironmentTarget | undefined {
  const env = state.environment;
  return env ? { environment: env.name, region: state.model.region, account: env.account } : undefined;
}

/** The clients must talk to the state's region: every ARN and every write goes there. */
export function assertClientRegion(clients: AwsClients, stateRegion: string, dir: string): void {
  if (clients.region !== stateRegion)
    throw new RegionMismatchError(stateRegion, clients.region, 'the AWS clients', join(dir, 'gateway.yaml'));
}
