/**
 * The CloudWatch SDK package, loaded on first use and synchronously, so `AwsClients` can keep
 * a plain `cloudwatch` property while commands that never read metrics or alarms never load it.
 *
 * Two ways to the same module: the bundler (scripts/build.mjs) sees the literal `require()`
 * and inlines the package, evaluated only when this runs; from source (tsx, vitest) there is
 * no `require` in an ES module, so Node's own is made. The package has no `exports` map, so
 * Node's `import` elsewhere resolves to this same CommonJS module: one copy either way.
 */
import { createRequire } from 'node:module';

type CloudWatchSdk = typeof import('@aws-sdk/client-cloudwatch');

let sdk: CloudWatchSdk | undefined;

export function loadCloudWatchSdk(): CloudWatchSdk {
  sdk ??=
    typeof require === 'function'
      ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- a literal require() is what the bundler inlines (above)
        (require('@aws-sdk/client-cloudwatch') as CloudWatchSdk)
      : (createRequire(import.meta.url)('@aws-sdk/client-cloudwatch') as CloudWatchSdk);
  return sdk;
}
