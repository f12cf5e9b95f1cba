/**
 * `apigw-sync import --api ID|NAME [--out gateway-state] [--take-over]`: write gateway-state files
 * from a live API; or `--<account kind> ID|NAME` (e.g. `--client-certificate`) for one account-scope
 * record, written to its folder (`client-certificates/<name>.yaml`) and tagged so plan matches it.
 * `apigw-sync import --env NAME [--out gateway-state] [--region R --account-id N [--profile P]]`: adopt an
 * existing environment into environments/<name>.yaml, writing only what differs from the base.
 */
import type { Command } from 'commander';
import { UsageError } from '../model/errors.js';
import { ACCOUNT_KINDS } from '../kinds/registry.js';
import { importAccountRecord } from '../engine/import-account.js';
import { createAwsClients } from '../aws/clients.js';
import { importApi } from '../engine/import.js';
import { importEnvironment } from '../engine/import-environment.js';
import { clientsFromEnv, commandRegion } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { declaredSettings } from '../state/region.js';
import { action, EXIT } from './run.js';

interface ImportFlags {
  api?: string;
  env?: string;
  out: string;
  key?: string;
  region?: string;
  takeOver?: boolean;
  owner?: string;
  accountId?: string;
  profile?: string;
  roleArn?: string;
}

export function register(program: Command): void {
  const accountOptions = ACCOUNT_KINDS.flatMap((k) =>
    k.account.importOption ? [{ kind: k, ...k.account.importOption }] : [],
  );
  const cmd = program
    .command('import')
    .description(
      "adopt a live API (--api: apis/<key>/api.yaml and openapi.yaml, WebSocket: routes.yaml), an account-scope record (its folder's <name>.yaml) or a whole environment (--env: environments/<name>.yaml) from what AWS has",
    )
    .option('--api <id|name>', 'the API id, or its name if unique')
    .option(
      '--env <name>',
      "adopt an existing environment: its APIs' differences from the base become environments/<name>.yaml",
    );
  for (const a of accountOptions) cmd.option(`--${a.flag} <id|name>`, `instead of an API: ${a.what}`);
  cmd
    .option('--out <dir>', 'gateway-state directory to write into', 'gateway-state')
    .option(
      '--key <name>',
      "folder name under apis/, or the account record's file name (default: its apigw-sync:id tag, else from its name)",
    )
    .option(
      '--region <region>',
      "AWS region (default: <out>/gateway.yaml, then AWS_REGION; the two must agree); with --env: the environment's",
    )
    .option('--take-over', "adopt what another owner (directory) manages: it becomes this directory's")
    .option(
      '--owner <id>',
      "this directory's owner id (default: <out>/gateway.yaml `owner:`, else <owner>/<repo>:<path> from git or GitHub Actions)",
    )
    .option('--account-id <id>', 'with --env, for a new environment file: its 12-digit AWS account')
    .option('--profile <name>', 'with --env, for a new environment file: the AWS profile that reaches it')
    .option('--role-arn <arn>', 'with --env, for a new environment file: the role the App and the Action use')
    .action(
      action(async (opts: ImportFlags & Record<string, unknown>) => {
        if (opts.env) return importEnvCommand(opts);
        const optionKey = (flag: string) => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
        const chosen = [
          ...(opts.api ? ['api'] : []),
          ...accountOptions.filter((a) => typeof opts[optionKey(a.flag)] === 'string').map((a) => a.flag),
        ];
        const all = ['--api', '--env', ...accountOptions.map((a) => `--${a.flag}`)].join(', ');
        if (chosen.length !== 1)
          throw new UsageError(
            chosen.length === 0
              ? 'import needs what to import'
              : `import one thing at a time (got --${chosen.join(', --')})`,
            `pass exactly one of ${all}`,
          );
        const region = await commandRegion({ flag: opts.region, dir: opts.out });
        const clients = createAwsClients({ region });
        const ownerId = opts.owner ?? (await declaredSettings(opts.out)).owner ?? ownerIdFromEnv(opts.out);
        const account = accountOptions.find((a) => a.flag === chosen[0]);
        if (account) {
          const wanted = String(opts[optionKey(account.flag)]);
          const r = await importAccountRecord({
            clients,
            target: account.kind.target,
            record: wanted,
            outDir: opts.out,
            key: opts.key,
            ownerId,
            takeOver: opts.takeOver,
          });
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
        const r = await importApi({
          clients,
          api: opts.api!,
          outDir: opts.out,
          key: opts.key,
          ownerId,
          takeOver: opts.takeOver,
        });
        const lines = [
          `Imported ${r.live.model.kind} "${r.live.model.name}" (${r.live.ids.apiId}) as ${opts.out}/apis/${r.key}/: ${Object.keys(r.live.model.kind === 'WebSocketApi' ? r.live.model.wsRoutes : r.live.model.routes).length} routes, ${Object.keys(r.live.model.stages).length} stages.`,
          ...r.written.map((f) => `  wrote ${opts.out}/${f}`),
          ...r.notes.map((n) => `  note: ${n}`),
          ...(r.tookOverFrom
            ? [
                `  took it over from owner ${r.tookOverFrom}: it now carries apigw-sync:owner=${ownerId}; that directory lists it as managed elsewhere`,
              ]
            : []),
          ...r.warnings.map((w) => `  warning: ${w}`),
          `Next: apigw-sync plan ${opts.out}   (expect no changes for this API)`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
        return EXIT.ok;
      }),
    );
}

async function importEnvCommand(opts: ImportFlags): Promise<number> {
  if (opts.api)
    throw new UsageError(
      '--api and --env cannot be used together',
      'import one API with --api, or an environment with --env',
    );
  const account = opts.accountId
    ? {
        id: opts.accountId,
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.roleArn ? { roleArn: opts.roleArn } : {}),
      }
    : undefined;
  const r = await importEnvironment({
    dir: opts.out,
    environment: opts.env!,
    clients: clientsFromEnv(),
    region: opts.region,
    account,
    ownerId: opts.owner ?? ownerIdFromEnv(opts.out),
    takeOver: opts.takeOver,
  });
  process.stdout.write(formatImportEnvironment(opts.out, opts.env!, r));
  return EXIT.ok;
}

export function formatImportEnvironment(
  dir: string,
  env: string,
  r: Awaited<ReturnType<typeof importEnvironment>>,
): string {
  const lines = [
    `Imported environment ${env}: ${r.adopted.length} API${r.adopted.length === 1 ? '' : 's'} (${r.adopted.map((a) => `${a.key} = ${a.name} ${a.apiId}`).join(', ')}).`,
    `  ${r.created ? 'wrote' : 'updated'} ${dir}/${r.file} (only what differs from the base)`,
    ...(r.missing.length ? [`  not in this environment: ${r.missing.join(', ')} (left out of include)`] : []),
    ...r.notes.map((n) => `  note: ${n}`),
    r.remaining === 0
      ? `Plan of ${env} right after: no changes.`
      : `Plan of ${env} right after: ${r.remainingSummary} — differences an overlay cannot express; see \`apigw-sync plan ${dir} --env ${env}\`.`,
  ];
  return `${lines.join('\n')}\n`;
}
