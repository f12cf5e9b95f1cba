/** `apigw-sync import --api ID|NAME [--out gateway-state] [--take-over]`: write gateway-state files from a live API. */
import type { Command } from 'commander';
import { createAwsClients } from '../aws/clients.js';
import { importApi } from '../engine/import.js';
import { commandRegion } from './aws-env.js';
import { ownerIdFromEnv } from './owner-id.js';
import { declaredSettings } from '../state/region.js';
import { action, EXIT } from './run.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('adopt a live API: write apis/<key>/api.yaml and openapi.yaml (WebSocket: routes.yaml) from what AWS has')
    .requiredOption('--api <id|name>', 'the API id, or its name if unique')
    .option('--out <dir>', 'gateway-state directory to write into', 'gateway-state')
    .option('--key <folder>', 'folder name under apis/ (default: its apigw-sync:id tag, else from its name)')
    .option('--region <region>', 'AWS region (default: <out>/gateway.yaml, then AWS_REGION; the two must agree)')
    .option('--take-over', 'adopt an API another owner (directory) manages: it becomes this directory\'s')
    .option('--owner <id>', "this directory's owner id (default: <out>/gateway.yaml `owner:`, else <owner>/<repo>:<path> from git or GitHub Actions)")
    .action(
      action(async (opts: { api: string; out: string; key?: string; region?: string; takeOver?: boolean; owner?: string }) => {
        const region = await commandRegion({ flag: opts.region, dir: opts.out });
        const clients = createAwsClients({ region });
        const ownerId = opts.owner ?? (await declaredSettings(opts.out)).owner ?? ownerIdFromEnv(opts.out);
        const r = await importApi({ clients, api: opts.api, outDir: opts.out, key: opts.key, ownerId, takeOver: opts.takeOver });
        const lines = [
          `Imported ${r.live.model.kind} "${r.live.model.name}" (${r.live.ids.apiId}) as ${opts.out}/apis/${r.key}/: ${Object.keys(r.live.model.kind === 'WebSocketApi' ? r.live.model.wsRoutes : r.live.model.routes).length} routes, ${Object.keys(r.live.model.stages).length} stages.`,
          ...r.written.map((f) => `  wrote ${opts.out}/${f}`),
          ...r.notes.map((n) => `  note: ${n}`),
          ...(r.tookOverFrom ? [`  took it over from owner ${r.tookOverFrom}: it now carries apigw-sync:owner=${ownerId}; that directory lists it as managed elsewhere`] : []),
          ...r.warnings.map((w) => `  warning: ${w}`),
          `Next: apigw-sync plan ${opts.out}   (expect no changes for this API)`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
        return EXIT.ok;
      }),
    );
}
