/**
 * Puts the keyed hash of each declared API key's value on both sides of the diff, so plan and
 * drift see a changed value without holding it: the desired value is read from its source
 * (env / SSM SecureString / Secrets Manager); the live one is known by the `<salt>.<hash>` tag
 * the tool wrote when it created the key — hashing the desired value with that salt gives an
 * equal hash exactly when the values are equal. A key without the tag (imported, or the tag
 * edited away) costs one GetApiKey with its value; both sides then carry a marker that says
 * only whether the values match.
 *
 * Only keys whose state names a source are compared; a source that cannot be read here (a PR
 * plan without the CI secret) leaves the value uncompared, and its error waits in
 * `live.keyValues` for the apply that would need the value.
 */
import { GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import type { ApiKeyModel } from '../../kinds/api-key/model.js';
import type { GatewayModel } from '../../model/api.js';
import type { LiveAccount } from '../../model/account.js';
import { TAG_KEY_VALUE } from '../../model/live.js';
import type { AwsClients } from '../clients.js';
import { decodeValueTag, keyedHash } from './hash.js';
import { SecretValue } from './secret.js';
import { KeyValueError, readKeyValue } from './sources.js';

/** The value hashes of a key without the tool's tag (compared by reading its value): equal, or not. */
const UNTAGGED_LIVE = 'untagged:live-value';
const UNTAGGED_NEW = 'untagged:new-value';

export interface SettleKeyValuesOptions {
  desired: GatewayModel;
  live: LiveAccount | undefined;
  clients: Pick<AwsClients, 'apigw' | 'ssm' | 'secretsManager'>;
  env?: NodeJS.ProcessEnv;
}

/** The keys whose value could not be compared, with why (never the value). */
export interface UncomparedKey {
  key: string;
  why: string;
}

export async function settleKeyValues(o: SettleKeyValuesOptions): Promise<UncomparedKey[]> {
  const declared = o.desired.account?.apiKeys ?? {};
  const live = o.live;
  if (!live) return [];
  const values: NonNullable<LiveAccount['keyValues']> = (live.keyValues ??= {});
  const readers = {
    env: o.env ?? process.env,
    ssm: () => o.clients.ssm,
    secretsManager: () => o.clients.secretsManager,
  };
  const uncompared: UncomparedKey[] = [];
  await Promise.all(
    Object.entries(declared).map(async ([key, want]) => {
      if (!want.valueFrom) return;
      let value: SecretValue;
      try {
        value = await readKeyValue({ keyName: key, source: want.valueFrom, readers });
      } catch (e) {
        if (!(e instanceof KeyValueError) || e.reason === 'invalid') throw e;
        values[key] = e;
        uncompared.push({ key, why: e.message });
        return;
      }
      values[key] = value;
      const have = (live.model.apiKeys ?? {})[key] as ApiKeyModel | undefined;
      const id = live.ids.apiKey?.[key];
      if (!have || !id) return; // a key to create: nothing to compare
      const tag = decodeValueTag(live.toolTags?.apiKey?.[key]?.[TAG_KEY_VALUE]);
      if (tag) {
        want.valueHash = keyedHash(tag.salt, value);
        have.valueHash = tag.hash;
        return;
      }
      // No tag: read the value once and say only whether it matches — as fixed markers, not a hash
      // with a fresh salt, so the plan's fingerprint is the same from plan to apply.
      const out = await o.clients.apigw.send(new GetApiKeyCommand({ apiKey: id, includeValue: true }));
      have.valueHash = UNTAGGED_LIVE;
      want.valueHash = value.equals(new SecretValue(out.value ?? '')) ? UNTAGGED_LIVE : UNTAGGED_NEW;
    }),
  );
  return uncompared.sort((a, b) => (a.key < b.key ? -1 : 1));
}
