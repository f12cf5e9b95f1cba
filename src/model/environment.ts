/**
 * Environments (issue 17): one base gateway-state (`apis/`, `gateway.yaml`) resolved with an
 * overlay `environments/<name>.yaml` per environment — its account, region(s), owner id and
 * typed overrides. The resolved state of one environment in one region is an ordinary
 * GatewayModel (`environment` names it); these are the settings that are not part of it.
 */

export interface EnvironmentAccount {
  /** The 12-digit AWS account id the environment lives in (checked against `roleArn`). */
  id?: string;
  /** The role the GitHub App (STS AssumeRole) and the Action (OIDC) use for this environment. */
  roleArn?: string;
  /** The AWS profile the CLI uses for this environment (shared config and credentials files). */
  profile?: string;
}

/** How an environment is promoted into, after the environment before it in `promotion:`. */
export interface EnvironmentGate {
  /** Wait this long after the previous environment's rollout promoted. */
  soakSeconds: number;
  /**
   * A person approves before this environment starts: in GitHub, the environment's job runs in
   * a GitHub Environment with required reviewers; the CLI asks on a terminal.
   */
  approval: boolean;
}

export interface EnvironmentSettings {
  name: string;
  /** Where the environment's APIs live; each region is planned and applied on its own. */
  regions: string[];
  account: EnvironmentAccount;
  gate: EnvironmentGate;
  /** The base API keys this environment includes. */
  apis: string[];
  /** The overlay file as reported (root-prefixed). */
  file: string;
}

/** One place one environment's APIs live: the unit plan, apply and drift work on. */
export interface EnvironmentTarget {
  environment: string;
  region: string;
  account: EnvironmentAccount;
}

/** `dev`, or `prod/us-east-1` for an environment that spans several regions. */
export function targetLabel(t: { environment: string; region: string }, regions: number): string {
  return regions > 1 ? `${t.environment}/${t.region}` : t.environment;
}

/** The owner id of an environment's APIs: the directory's, with the environment after `@`. */
export function environmentOwner(base: string, environment: string): string {
  return `${base}@${environment}`;
}
