/**
 * One AWS account, two gateway-state directories (two teams). Each directory plans and
 * drifts clean although the other's APIs are in the same region — even an API folder with
 * the same name (`shop`) in both — prune from one never touches the other, an API with the
 * old tag format (no owner) is adopted by the first owner that applies it, with a note,
 * and moving an API between owners takes an explicit `import --take-over`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRestApiCommand } from '@aws-sdk/client-api-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { runApply, runDrift, runPlan } from '../../../src/engine/index.js';
import { driftCommand } from '../../../src/cli/drift.js';
import { planCommand } from '../../../src/cli/plan.js';
import { importApi } from '../../../src/engine/import.js';
import { TAG_ID, TAG_MANAGED, TAG_OWNER } from '../../../src/model/live.js';
import { expectGolden } from '../../helpers/golden.js';
import { copyState, editYaml, liveApis, REGION, sdkClients, startTestEmulator } from '../apply/helpers.js';

const A = 'team-a/gateway:gateway-state';
const B = 'team-b/platform:infra/gateway-state';
let emu: RunningEmulator;
let clients: ReturnType<typeof sdkClients>;
let dirA: string;
let dirB: string;

/** Team B's directory: its own `shop` (an HTTP API with another name) and `orders`. */
function teamBState(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'apigw-sync-b-')), 'gateway-state');
  const api = (key: string, text: string) => {
    mkdirSync(join(dir, 'apis', key), { recursive: true });
    writeFileSync(join(dir, 'apis', key, 'api.yaml'), text);
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'gateway.yaml'), `region: ${REGION}\nowner: ${B}\n`);
  api(
    'shop',
    [
      'kind: HttpApi',
      'name: b-shop',
      'routes:',
      '  GET /items:',
      '    integration: { type: http_proxy, uri: "https://items.b.example.com/items" }',
      'stages:',
      '  live: {}',
      '',
    ].join('\n'),
  );
  api(
    'orders',
    [
      'kind: RestApi',
      'name: b-orders',
      'routes:',
      '  GET /orders:',
      '    integration: { type: http_proxy, uri: "https://orders.b.example.com/orders", httpMethod: GET }',
      'stages:',
      '  prod: {}',
      '',
    ].join('\n'),
  );
  return dir;
}

const owners = async () =>
  Object.fromEntries((await liveApis(clients)).map((a) => [a.name, a.tags[TAG_OWNER] ?? '(none)']));

beforeAll(async () => {
  emu = await startTestEmulator();
  clients = sdkClients(emu.url);
  dirA = copyState();
  editYaml(dirA, 'gateway.yaml', (doc) => doc.set('owner', A));
  dirB = teamBState();
});
afterAll(async () => emu?.stop());

describe('two directories, one account', () => {
  it('an API with the old tag format (managed, no owner) is adopted by the first owner that applies it, with a note', async () => {
    // Team A's shop API, as an earlier apigw-sync (before owners) left it.
    const old = await clients.apigw.send(
      new CreateRestApiCommand({ name: 'shop-api', tags: { [TAG_ID]: 'shop', [TAG_MANAGED]: 'true' } }),
    );
    const plan = await planCommand(dirA, { clients });
    expect(plan.stdout).toContain(
      `Adopts 1 API that carries no owner id yet (managed before owners existed, or imported): shop; apply tags it apigw-sync:owner=${A}.`,
    );
    const applied = await runApply({ dir: dirA, clients, yes: true });
    expect(applied.failures.map((f) => f.message)).toEqual([]);
    expect((await liveApis(clients)).filter((a) => a.name === 'shop-api').map((a) => a.id)).toEqual([old.id]);
    expect(await owners()).toEqual({ 'shop-api': A, 'events-api': A, 'chat-api': A });
    const again = await runPlan({ dir: dirA, clients });
    expect(again.status === 'ok' && again.hasChanges).toBe(false);
  });

  it("the second directory creates its own APIs — its `shop` folder is not team A's shop — and each plans and drifts clean", async () => {
    const b = await runApply({ dir: dirB, clients, yes: true });
    expect(b.failures.map((f) => f.message)).toEqual([]);
    expect(await owners()).toEqual({ 'shop-api': A, 'events-api': A, 'chat-api': A, 'b-shop': B, 'b-orders': B });

    for (const [dir, mine] of [
      [dirA, A],
      [dirB, B],
    ] as const) {
      const plan = await runPlan({ dir, clients });
      if (plan.status !== 'ok') throw new Error(plan.issuesText);
      expect(plan.hasChanges, `${mine} plans clean`).toBe(false);
      expect(plan.live.elsewhere?.map((e) => e.owner).every((o) => o !== mine)).toBe(true);
      const drift = await runDrift({ dir, clients });
      if (drift.status !== 'ok') throw new Error(drift.issuesText);
      expect(drift.exitCode, `${mine} drifts clean`).toBe(0);
      expect(drift.report.onlyInAws).toEqual([]);
      expect(drift.report.managedElsewhere).toHaveLength(mine === A ? 2 : 3);
    }
    const text = await driftCommand(dirB, { clients });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Managed elsewhere (other owners in this account; never drift, never pruned here):');
    expect(text.stdout).toMatch(/shop-api · REST API · id \w+ · owner team-a\/gateway:gateway-state/);
  });

  it("prune from one directory never touches the other's APIs, prints what it deletes first, and needs --yes without a terminal", async () => {
    rmSync(join(dirB, 'apis', 'orders'), { recursive: true });
    const refused = driftCommand(dirB, { clients, prune: true });
    await expect(refused).rejects.toThrow(
      /refusing to delete 1 API without confirmation: there is no terminal to ask on/,
    );
    expect((await liveApis(clients)).map((a) => a.name)).toContain('b-orders');

    let asked = '';
    const declined = await driftCommand(dirB, { clients, prune: true, ask: async (q) => ((asked = q), false) });
    expect(declined.stderr).toContain('Prune cancelled; nothing was deleted.');
    expect(asked).toMatch(/Delete this API\? Only "yes" is accepted: $/);
    const id = (await liveApis(clients)).find((a) => a.name === 'b-orders')!.id;
    expectGolden('drift/prune-preview.txt', asked.replace(id, '<id>'));

    const pruned = await driftCommand(dirB, { clients, prune: true, yes: true });
    expect(pruned.stderr).toContain(
      "1 API carries this owner's id but no folder in gateway-state describes it; prune deletes it:",
    );
    expect(pruned.stderr).toMatch(/pruned: deleted RestApi b-orders/);
    expect(await owners()).toEqual({ 'shop-api': A, 'events-api': A, 'chat-api': A, 'b-shop': B });
    const a = await runDrift({ dir: dirA, clients, prune: { yes: true } });
    expect(a.status === 'ok' && a.pruned).toEqual([]);
    expect(await owners()).toEqual({ 'shop-api': A, 'events-api': A, 'chat-api': A, 'b-shop': B });
  });

  it('prune refuses for a directory that declares no APIs, and for one without an owner id', async () => {
    const empty = join(mkdtempSync(join(tmpdir(), 'apigw-sync-empty-')), 'gateway-state');
    mkdirSync(join(empty, 'apis'), { recursive: true });
    writeFileSync(join(empty, 'gateway.yaml'), `region: ${REGION}\nowner: ${B}\n`);
    const r = await driftCommand(empty, { clients, prune: true, yes: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/declares no APIs/);

    const noOwner = copyState();
    await expect(runDrift({ dir: noOwner, clients, prune: { yes: true } })).rejects.toThrow(
      /refusing to prune: .* has no owner id/,
    );
    expect(await owners()).toEqual({ 'shop-api': A, 'events-api': A, 'chat-api': A, 'b-shop': B });
  });

  it('a directory without an owner id may plan, but never applies in an account shared with other owners', async () => {
    const noOwner = copyState();
    const plan = await planCommand(noOwner, { clients });
    expect(plan.stderr).toMatch(
      /note: 4 APIs are managed elsewhere \(owners team-a\/gateway:gateway-state, team-b\/platform:infra\/gateway-state\)/,
    );
    expect(plan.stderr).toMatch(/declares no owner id, so apply refuses/);
    const since = emu.control.calls({}).at(-1)?.seq ?? 0;
    await expect(runApply({ dir: noOwner, clients, yes: true })).rejects.toThrow(
      /refusing to apply: gateway-state declares no owner id/,
    );
    expect(emu.control.calls({ since, write: true })).toEqual([]);
  });

  it("another owner's API moves only with import --take-over", async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-sync-import-')), 'gateway-state');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'gateway.yaml'), `region: ${REGION}\nowner: ${B}\n`);
    await expect(importApi({ clients, api: 'events-api', outDir: out, ownerId: B })).rejects.toThrow(
      /managed by another owner: team-a\/gateway:gateway-state/,
    );
    const r = await importApi({ clients, api: 'events-api', outDir: out, ownerId: B, takeOver: true });
    expect(r.tookOverFrom).toBe(A);
    expect(readFileSync(join(out, 'apis', 'events', 'api.yaml'), 'utf8')).toContain('name: events-api');
    expect((await owners())['events-api']).toBe(B);
    const drift = await runDrift({ dir: dirA, clients });
    expect(drift.status === 'ok' && drift.report.managedElsewhere?.map((e) => e.name)).toContain('events-api');
  });
});
