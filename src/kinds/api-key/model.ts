/**
 * An API key (REST, account scope). Its value is a secret and never part of the state or
 * the model: AWS generates it (no `valueFrom`), or `valueFrom` names where apply reads it.
 * The model carries only a keyed hash of the value (`valueHash`, see src/aws/key-values),
 * so plan, drift and the fingerprint can tell a changed value without holding it.
 */

/** Where a key's value comes from, read at plan and apply time by src/aws/key-values. */
export type KeyValueSource =
  /** An environment variable of the process that runs plan/apply. */
  | { env: string }
  /** An SSM Parameter Store SecureString parameter (name or ARN). */
  | { ssmParameter: string }
  /** A Secrets Manager secret (name or ARN); `jsonKey` picks one member of a JSON secret. */
  | { secretsManager: string; jsonKey?: string };

export interface ApiKeyModel {
  /** The key's name in AWS (the record key). */
  name: string;
  /** Declared keys are enabled unless `enabled: false` (AWS's CreateApiKey defaults to false; the tool always sends it). */
  enabled: boolean;
  description?: string;
  /** An AWS Marketplace customer id. */
  customerId?: string;
  /** Names of the usage plans the key is in (sorted). */
  usagePlans: string[];
  /** User tags; the tool's own (`apigw-sync:`) are never part of the model. */
  tags: Record<string, string>;
  /** Absent: AWS generates the value (and it is never compared). */
  valueFrom?: KeyValueSource;
  /**
   * Keyed hash of the value: `HMAC-SHA256(salt, value)` with the salt AWS keeps in the key's
   * `apigw-sync:value-hash` tag. Desired and live are hashed with the same salt, so equal
   * values give equal hashes; without the salt (never in a plan or comment) the hash tells
   * nothing about the value. Absent where there is nothing to compare (a key to create, a
   * generated value, a source not readable here).
   */
  valueHash?: string;
}

/** How a value source is named in the plan and in messages (never the value). */
export function describeSource(s: KeyValueSource): string {
  if ('env' in s) return `environment variable ${s.env}`;
  if ('ssmParameter' in s) return `SSM parameter ${s.ssmParameter}`;
  return `Secrets Manager secret ${s.secretsManager}${s.jsonKey ? ` (JSON key ${s.jsonKey})` : ''}`;
}
