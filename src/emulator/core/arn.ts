/**
 * ARNs named in requests must belong to the endpoint that receives them: an API Gateway
 * endpoint in eu-west-1 knows nothing of a REST API in ap-southeast-1, and AWS refuses a
 * tag ARN whose region (or account) is not its own. The emulator does the same, so a tool
 * that builds an ARN from the wrong region fails here, not in production.
 */
import type { AwsError } from './types.js';
import type { Partition } from './partitions.js';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): Arn | undefined {
  const m = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(arn);
  return m ? { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] } : undefined;
}

export interface ArnRule {
  /** apigateway ARNs carry no account ('none'); most others carry the owner's ('own'); some may name another account ('any'). */
  account: 'none' | 'own' | 'any';
  error: (message: string) => AwsError;
}

/** The parsed ARN, or the service's error when it names another region or account than the endpoint's. */
export function checkArnScope(arn: string, here: Partition, rule: ArnRule): Arn {
  const a = parseArn(arn);
  if (!a) throw rule.error(`Invalid ARN: ${arn}`);
  if (a.region !== here.region) {
    throw rule.error(
      `Invalid ARN ${arn}: it names region ${a.region || '(none)'} but this endpoint serves ${here.region}; call the endpoint of the ARN's region or fix the ARN`,
    );
  }
  if (rule.account === 'none' && a.account !== '')
    throw rule.error(`Invalid ARN ${arn}: ${a.service} ARNs carry no account id`);
  if (rule.account === 'own' && a.account !== here.accountId) {
    throw rule.error(
      `Invalid ARN ${arn}: it names account ${a.account} but the request is signed for account ${here.accountId}`,
    );
  }
  return a;
}
