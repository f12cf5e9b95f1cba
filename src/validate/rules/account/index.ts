/**
 * Semantic rules of the account scope (custom domains, VPC links, client certificates, …),
 * run once per state on GatewayModel.account and what refers to it from the APIs. Locations
 * come from the sources keys state/account.ts registers (`account/<target>/<key>[/<field>]`).
 */
import type { ValidationIssue } from '../../../model/issue.js';
import type { RuleContext } from '../context.js';
import { clientCertificateRules } from './client-certificates.js';
import { vpcLinkRules } from './vpc-links.js';
import { domainRules } from './domains.js';
import { usagePlanRules } from './usage-plans.js';

/** A rule family of the account scope: looks at the whole state once. */
export type AccountRule = (ctx: RuleContext) => ValidationIssue[];

/** Every account rule family (each kind adds its own file here). */
export const ACCOUNT_RULES: readonly AccountRule[] = [
  clientCertificateRules,
  vpcLinkRules,
  domainRules,
  usagePlanRules,
];
