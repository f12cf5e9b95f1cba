/**
 * `apigw-sync import --api ID|NAME [--out gateway-state] [--take-over]`: write gateway-state files
 * from a live API; or `--<account kind> ID|NAME` (e.g. `--client-certificate`) for one account-scope
 * record, written to its folder (`client-certificates/<name>.yaml`) and tagged so plan matches it.
 */
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { ACCOUNT_KINDS } from '../kinds/registry.js';
import { importAccountRecord } from '../engine/import-account.js';
import { createAwsClients } from '../aws/clients.js';
import { importApi } from '../engine/import.js';
import { commandRegion } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { declaredSettings } from '../state/region.js';
import { action, EXIT } from './run.js';

export function register(program: Command): void {
  const accountOptions = ACCOUNT_KINDS.flatMap((k) => (k.account.importOption ? [{ kind: k, ...k.account.importOption }] : []));
  const cmd = program
    .command('import')
    .description('adopt a live API (apis/<key>/api.yaml and openapi.yaml) or an account-scope record (its folder\'s <name>.yaml) from what AWS has')
    .option('--api <id|name>', 'the API id, or its name if unique');
  for (const a of accountOptions) cmd.option(`--${a.flag} <id|name>`, `instead of an API: ${a.what}`);
  cmd
    .option('--out <dir>', 'gateway-state directory to write into', 'gateway-state')
    .option('--key <name>', 'folder name under apis/, or the account record\'s file name (default: its apigw-sync:id tag, else from its name)')
    .option('--region <region>', 'AWS region (default: <out>/gateway.yaml, then AWS_REGION; the two must agree)')
    .option('--take-over', 'adopt an API another owner (directory) manages: it becomes this directory\'s')
    .option('--owner <id>', "this directory's owner id (default: <out>/gateway.yaml `owner:`, else <owner>/<repo>:<path> from git or GitHub Actions)")
    .action(
      action(async (opts: { api?: string; out: string; key?: string; region?: string; takeOver?: boolean; owner?: string } & Record<string, unknown>) => {
        const optionKey = (flag: string) => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
        const chosen = [...(opts.api ? ['api'] : []), ...accountOptions.filter((a) => typeof opts[optionKey(a.flag)] === 'string').map((a) => a.flag)];
        const all = ['--api', ...accountOptions.map((a) => `--${a.flag}`)].join(', ');
        if (chosen.length !== 1) throw new UsageError(chosen.length === 0 ? 'import needs what to import' : `import one thing at a time (got --${chosen.join(', --')})`, `pass exactly one of ${all}`);
        const region = await commandRegion({ flag: opts.region, dir: opts.out });
        const clients = createAwsClients({ region });
        const ownerId = opts.owner ?? (await declaredSettings(opts.out)).owner ?? ownerIdFromEnv(opts.out);
        const account = accountOptions.find((a) => a.flag === chosen[0]);
        if (account) {
          const wanted = String(opts[optionKey(account.flag)]);
          const r = await importAccountRecord({ clients, target: account.kind.target, record: wanted, outDir: opts.out, key: opts.key, ownerId, takeOver: opts.takeOver });
          const lines = [
            `Imported ${account.kind.label} ${r.key} (${r.id}); it now carries apigw-sync:id=${r.key}${ownerId ? ` and apigw-sync:owner=${ownerId}` : ''}.`,
            ...r.written.map((f) => `  wrote ${opts.out}/${f}`),
            ...(r.tookOverFrom ? [`  took it over from owner ${r.tookOverFrom}`] : []),
            ...r.warnings.map((w) => `  warning: ${w}`),
            `Next: apigw-sync plan ${opts.out}   (expect no changes for it)`,
          ];
          process.stdout.write(lines.join('\n') + '\n');
          return EXIT.ok;
        }
        const r = await importApi({ clients, api: opts.api!, outDir: opts.out, key: opts.key, ownerId, takeOver: opts.takeOver });
        const lines = [
          `Imported ${r.live.model.kind} "${r.live.model.name}" (${r.live.ids.apiId}) as ${opts.out}/apis/${r.key}/: ${Object.keys(r.live.model.routes).length} routes, ${Object.keys(r.live.model.stages).length} stages.`,
          ...r.written.map((f) => `  wrote ${opts.out}/${f}`),
          ...(r.tookOverFrom ? [`  took it over from owner ${r.tookOverFrom}: it now carries apigw-sync:owner=${ownerId}; that directory lists it as managed elsewhere`] : []),
          ...r.warnings.map((w) => `  warning: ${w}`),
          `Next: apigw-sync plan ${opts.out}   (expect no changes for this API)`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
        return EXIT.ok;
      }),
    );
}
