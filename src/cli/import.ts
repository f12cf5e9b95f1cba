/** `apigw-sync import --api ID|NAME [--out gateway-state]`: write gateway-state files from a live API. */
import type { Command } from 'commander';
import { createAwsClients } from '../aws/clients.js';
import { importApi } from '../import/index.js';
import { commandRegion } from './aws-env.js';
import { action, EXIT } from './run.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('adopt a live API: write apis/<key>/api.yaml and openapi.yaml from what AWS has')
    .requiredOption('--api <id|name>', 'the API id, or its name if unique')
    .option('--out <dir>', 'gateway-state directory to write into', 'gateway-state')
    .option('--key <folder>', 'folder name under apis/ (default: its apigw-sync:id tag, else from its name)')
    .option('--region <region>', 'AWS region (default: <out>/gateway.yaml, then AWS_REGION; the two must agree)')
    .action(
      action(async (opts: { api: string; out: string; key?: string; region?: string }) => {
        const region = await commandRegion({ flag: opts.region, dir: opts.out });
        const clients = createAwsClients({ region });
        const r = await importApi({ clients, api: opts.api, outDir: opts.out, key: opts.key });
        const lines = [
          `Imported ${r.live.model.kind} "${r.live.model.name}" (${r.live.ids.apiId}) as ${opts.out}/apis/${r.key}/: ${Object.keys(r.live.model.routes).length} routes, ${Object.keys(r.live.model.stages).length} stages.`,
          ...r.written.map((f) => `  wrote ${opts.out}/${f}`),
          ...r.warnings.map((w) => `  warning: ${w}`),
          `Next: apigw-sync plan ${opts.out}   (expect no changes for this API)`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
        return EXIT.ok;
      }),
    );
}
