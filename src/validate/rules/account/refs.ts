/** What the account rules share: suggestions for a name that does not resolve, ARN shapes. */
import { didYouMean } from '../../../state/did-you-mean.js';

export function suggest(name: string, names: string[], what: string): string {
  const g = didYouMean(name, names);
  return g ? `did you mean "${g}"?` : names.length ? `declared: ${names.join(', ')}` : `no ${what} is declared`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/.exec(arn);
  return m ? { partition: m[1], service: m[2], region: m[3], account: m[4] ?? '', resource: m[5] } : undefined;
}
