/**
 * `docs` against the local AWS endpoint: after an apply the stage addresses carry the live
 * API ids; the Action's `docs` command (what the apply workflow runs) writes the same site
 * and says where it is published; the site is unchanged until an API changes.
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/action/main.js';
import { docsCommand } from '../../../src/cli/docs.js';
import { runApply } from '../../../src/engine/index.js';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { copyState, editYaml, liveApis, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';
import { simulateRunner, type Runner } from '../github/runner-env.js';

let emu: RunningEmulator;
let dir: string;
let runner: Runner | undefined;

beforeAll(async () => {
  emu = await startTestEmulator();
  dir = copyState();
  const applied = await runApply({ dir, clients: sdkClients(emu.url), yes: true });
  expect(applied.failures).toEqual([]);
});
afterEach(() => {
  runner?.restore();
  runner = undefined;
});
afterAll(async () => emu?.stop());

const tmpSite = () => join(mkdtempSync(join(tmpdir(), 'apigw-docs-')), 'site');
const read = (site: string) =>
  Object.fromEntries(readdirSync(site).map((f) => [f, readFileSync(join(site, f), 'utf8')]));

describe('docs with AWS access', () => {
  it("the stage addresses are the live APIs' invoke URLs", async () => {
    const site = tmpSite();
    const r = await docsCommand(dir, { out: site, clients: sdkClients(emu.url) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const ids = Object.fromEntries((await liveApis(sdkClients(emu.url))).map((a) => [a.name, a.id]));
    const shop = JSON.parse(readFileSync(join(site, 'shop.openapi.json'), 'utf8'));
    const events = JSON.parse(readFileSync(join(site, 'events.openapi.json'), 'utf8'));
    expect(shop.servers).toEqual([
      { url: `https://${ids['shop-api']}.execute-api.${REGION}.amazonaws.com/prod`, description: 'Stage prod' },
    ]);
    expect(events.servers).toEqual([
      { url: `https://${ids['events-api']}.execute-api.${REGION}.amazonaws.com/live`, description: 'Stage live' },
    ]);
  });

  it('the Action (command: docs) writes the site and names where the workflow publishes it; the same API gives the same site', async () => {
    const env = {
      AWS_ENDPOINT_URL: emu.url,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    const first = tmpSite();
    runner = simulateRunner({ inputs: { command: 'docs', path: dir, out: first }, eventName: 'push', event: {}, env });
    await run();
    expect(process.exitCode ?? 0).toBe(0);
    expect(runner.outputs()).toEqual({ 'site-path': first, 'docs-target': 'pages', 's3-uri': '' });
    expect(runner.summary()).toContain('2 APIs documented');
    runner.restore();

    const second = tmpSite();
    runner = simulateRunner({ inputs: { command: 'docs', path: dir, out: second }, eventName: 'push', event: {}, env });
    await run();
    expect(read(second)).toEqual(read(first));
    runner.restore();

    // An API change (a new route in the state) changes the site; gateway.yaml's bucket sends it to S3.
    editYaml(dir, 'apis/shop/users.openapi.yaml', (doc) =>
      doc.setIn(['paths', '/users/stats', 'get'], {
        operationId: 'userStats',
        responses: { '200': { description: 'How many users' } },
      }),
    );
    editYaml(dir, 'gateway.yaml', (doc) => doc.set('docs', { s3Bucket: 'acme-api-docs', prefix: 'apis' }));
    const third = tmpSite();
    runner = simulateRunner({ inputs: { command: 'docs', path: dir, out: third }, eventName: 'push', event: {}, env });
    await run();
    expect(runner.outputs()['s3-uri']).toBe('s3://acme-api-docs/apis/');
    expect(runner.outputs()['docs-target']).toBe('s3');
    const changed = Object.keys(read(third))
      .filter((f) => read(third)[f] !== read(first)[f])
      .sort();
    expect(changed).toEqual(['index.html', 'shop.openapi.json', 'specs.js']);
    expect(read(third)['shop.openapi.json']).toContain('/users/stats');
  });
});
