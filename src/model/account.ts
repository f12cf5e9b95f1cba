/**
 * The account scope: resources that belong to an AWS account and region rather than to one
 * API (custom domain names and their mappings, VPC links, client certificates, and — next —
 * usage plans and API keys). They live in `gateway-state/<dir>/<name>.yaml` (one folder per
 * kind, src/kinds/registry.ts `ACCOUNT_KINDS`) and refer to APIs by their folder key.
 *
 * Their changes travel in the same plan as the APIs' with `apiKey` = ACCOUNT_KEY: one unit
 * that apply runs in two parts, before the APIs (what APIs refer to: VPC links, client
 * certificates, domains) and after them (what refers to APIs and stages: mappings), deletes
 * in the reverse order (plan/order.ts).
 */
import type { ApiKeyModel } from '../kinds/api-key/model.js';
import type { ClientCertificateModel } from '../kinds/client-certificate/model.js';
import type { UsagePlanModel } from '../kinds/usage-plan/model.js';
import type { VpcLinkModel } from '../kinds/vpc-link/model.js';
import type { DomainModel } from '../kinds/domain/model.js';
import type { MappingModel } from '../kinds/mapping/model.js';
import type { ChangeTarget } from './change.js';

/** The `apiKey` of every account-scope Change (and its unit in the plan, drift report, approvals). No API folder can be named so. */
export const ACCOUNT_KEY = '(account)';

/** Every account-scope record of one state (or one region, as read), keyed by name, per kind. */
export interface AccountModel {
  /** REST client certificates, keyed by name (their `apigw-sync:id` tag). */
  clientCertificates: Record<string, ClientCertificateModel>;
  /** REST usage plans, keyed by name. */
  usagePlans: Record<string, UsagePlanModel>;
  /** REST API keys, keyed by name (values never: see ApiKeyModel). */
  apiKeys: Record<string, ApiKeyModel>;
  /** VPC links (REST v1 and HTTP v2), keyed by name; integrations name them (`vpcLink: <name>`). */
  vpcLinks: Record<string, VpcLinkModel>;
  /** Custom domain names, keyed by the domain name (domains/<name>.yaml). */
  domains: Record<string, DomainModel>;
  /** REST base path mappings, keyed `<domain>/<base path>` (`(none)`: the empty one); declared in their domain's file. */
  basePathMappings: Record<string, MappingModel>;
  /** HTTP API mappings, keyed `<domain>/<mapping key>`; declared in their domain's file. */
  apiMappings: Record<string, MappingModel>;
}

/** Server-owned identifiers of the live account records: change target → record key → AWS id. */
export type AccountIds = Partial<Record<ChangeTarget, Record<string, string>>>;

/** An account record found in AWS: its kind, key and id (for lists of records apply tags or leaves alone). */
export interface AccountRecordRef {
  target: ChangeTarget;
  key: string;
  id: string;
}

/** An account record of another owner (another directory in the same account): listed at most, never touched. */
export interface ElsewhereAccountRecord extends AccountRecordRef {
  owner: string;
}

/** What was read of the account scope for one reconcile. */
export interface LiveAccount {
  /** This directory's records (its owner's, and those the state names that carry no owner yet). */
  model: AccountModel;
  ids: AccountIds;
  /** Records the state names that carry no owner id yet: apply tags them with the plan's owner (Plan.adoptAccount). */
  adopt: AccountRecordRef[];
  /** Records of other owners. */
  elsewhere: ElsewhereAccountRecord[];
  /** Per record, the facts AWS adds that the model leaves out (a VPC link's status, a domain's DNS target), for displays and waits. */
  facts: Partial<Record<ChangeTarget, Record<string, Record<string, string>>>>;
  /**
   * Per record, the tool's own tags as read (apigw-sync:…). Never displayed or serialized: an
   * API key's `apigw-sync:value-hash` tag holds the salt of its value's hash.
   */
  toolTags?: Partial<Record<ChangeTarget, Record<string, Record<string, string>>>>;
  /**
   * The values of the state's API keys, read from their sources with the live state (or the
   * error that source gave): held in memory for the apply that creates a key, never
   * serialized (a SecretValue prints `(sensitive)`), never in the model.
   */
  keyValues?: Record<string, { reveal(): string } | Error>;
}
