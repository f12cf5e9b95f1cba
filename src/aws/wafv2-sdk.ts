/**
 * The WAFv2 SDK package, loaded on first use and synchronously, as cloudwatch-sdk.ts loads
 * CloudWatch's: only an apply that associates a web ACL, or a cost estimate that reads one,
 * loads it. The literal `require()` is what the bundler inlines; from source (tsx, vitest)
 * Node's own require is made.
 */
import { createRequire } from 'node:module';

type Wafv2Sdk = typeof import('@aws-sdk/client-wafv2');

let sdk: Wafv2Sdk | undefined;

export function loadWafv2Sdk(): Wafv2Sdk {
  sdk ??=
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is what the bundler inlines (above)
        (require('@aws-sdk/client-wafv2') as Wafv2Sdk)
      : (createRequire(import.meta.url)('@aws-sdk/client-wafv2') as Wafv2Sdk);
  return sdk;
}
