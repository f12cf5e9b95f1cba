/**
 * Secrets Manager, minimal: CreateSecret (a name unique in the region — ResourceExistsException;
 * a string or a binary value, not both; the ARN ends in `-` and six random characters, as
 * AWS's do), GetSecretValue (by name, full ARN or ARN without the suffix; AWSCURRENT unless a
 * VersionId or VersionStage says otherwise) and PutSecretValue (a new AWSCURRENT version, the
 * old one AWSPREVIOUS). ClientRequestToken makes a repeated call idempotent, as on AWS.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { json11Route, jsonOk } from '../core/json-route.js';
import { AwsError, type RouteDef } from '../core/types.js';
import type { Partition } from '../core/partitions.js';
import type { Secret, SecretsState, SecretVersion } from './types.js';

const route = (operation: string, write: boolean, handler: Parameters<typeof json11Route>[4]) =>
  json11Route('secretsmanager', 'secretsmanager', operation, write, handler);
const err = (code: string, message: string) => new AwsError(400, code, message);
const notFound = () => err('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The value members of a request: exactly one of SecretString and SecretBinary, or none. */
function valueOf(b: Record<string, unknown>): Pick<SecretVersion, 'SecretString' | 'SecretBinary'> | undefined {
  if (b.SecretString !== undefined && b.SecretBinary !== undefined)
    throw err(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  if (typeof b.SecretString === 'string') return { SecretString: b.SecretString };
  if (typeof b.SecretBinary === 'string') return { SecretBinary: b.SecretBinary };
  return undefined;
}

const sameValue = (a: SecretVersion, v: Pick<SecretVersion, 'SecretString' | 'SecretBinary'>) =>
  a.SecretString === v.SecretString && a.SecretBinary === v.SecretBinary;

export function secretRoutes(state: () => SecretsState, here: Partition): RouteDef[] {
  const find = (id: string): Secret | undefined =>
    state().secrets.find((s) => s.Name === id || s.ARN === id || s.ARN.slice(0, -7) === id);
  const addVersion = (
    s: Secret,
    v: Pick<SecretVersion, 'SecretString' | 'SecretBinary'>,
    token: string | undefined,
    stages: string[],
  ): SecretVersion => {
    const same = token ? s.versions.find((x) => x.VersionId === token) : undefined;
    if (same) {
      if (!sameValue(same, v))
        throw err(
          'ResourceExistsException',
          `A version with VersionId ${token} already exists with a different value.`,
        );
      return same;
    }
    if (stages.includes('AWSCURRENT')) {
      for (const x of s.versions) x.VersionStages = x.VersionStages.filter((st) => st !== 'AWSPREVIOUS');
      for (const x of s.versions)
        if (x.VersionStages.includes('AWSCURRENT'))
          x.VersionStages = [...x.VersionStages.filter((st) => st !== 'AWSCURRENT'), 'AWSPREVIOUS'];
    }
    const version: SecretVersion = {
      VersionId: token ?? randomUUID(),
      ...v,
      VersionStages: stages,
      CreatedDate: Date.now() / 1000,
    };
    s.versions.push(version);
    return version;
  };
  return [
    route('CreateSecret', true, (b) => {
      const name = String(b.Name);
      if (!/^[A-Za-z0-9/_+=.@-]+$/.test(name))
        throw err('InvalidParameterException', `Invalid name ${name}: use letters, digits and /_+=.@-`);
      const value = valueOf(b);
      const token = typeof b.ClientRequestToken === 'string' ? b.ClientRequestToken : undefined;
      const existing = state().secrets.find((s) => s.Name === name);
      if (existing) {
        const again = token && existing.versions.find((v) => v.VersionId === token);
        if (again && value && sameValue(again, value))
          return jsonOk({ ARN: existing.ARN, Name: name, VersionId: again.VersionId });
        throw err('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
      }
      const suffix = Array.from({ length: 6 }, () => ALNUM[randomInt(ALNUM.length)]).join('');
      const s: Secret = {
        ARN: `arn:aws:secretsmanager:${here.region}:${here.accountId}:secret:${name}-${suffix}`,
        Name: name,
        ...(typeof b.Description === 'string' ? { Description: b.Description } : {}),
        ...(typeof b.KmsKeyId === 'string' ? { KmsKeyId: b.KmsKeyId } : {}),
        Tags: (b.Tags as Secret['Tags'] | undefined) ?? [],
        CreatedDate: Date.now() / 1000,
        versions: [],
      };
      state().secrets.push(s);
      const v = value ? addVersion(s, value, token, ['AWSCURRENT']) : undefined;
      return jsonOk({ ARN: s.ARN, Name: s.Name, ...(v ? { VersionId: v.VersionId } : {}) });
    }),
    route('GetSecretValue', false, (b) => {
      const s = find(String(b.SecretId));
      if (!s) throw notFound();
      const stage = typeof b.VersionStage === 'string' ? b.VersionStage : undefined;
      const versionId = typeof b.VersionId === 'string' ? b.VersionId : undefined;
      const v = versionId
        ? s.versions.find((x) => x.VersionId === versionId)
        : s.versions.find((x) => x.VersionStages.includes(stage ?? 'AWSCURRENT'));
      if (!v)
        throw err(
          'ResourceNotFoundException',
          versionId
            ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
            : `Secrets Manager can't find the specified secret value for staging label: ${stage ?? 'AWSCURRENT'}`,
        );
      if (versionId && stage && !v.VersionStages.includes(stage))
        throw err(
          'InvalidRequestException',
          `You provided a VersionStage that is not associated to the provided VersionId.`,
        );
      return jsonOk({
        ARN: s.ARN,
        Name: s.Name,
        VersionId: v.VersionId,
        ...(v.SecretString !== undefined ? { SecretString: v.SecretString } : { SecretBinary: v.SecretBinary }),
        VersionStages: [...v.VersionStages],
        CreatedDate: v.CreatedDate,
      });
    }),
    route('PutSecretValue', true, (b) => {
      const s = find(String(b.SecretId));
      if (!s) throw notFound();
      const value = valueOf(b);
      if (!value) throw err('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
      const stages =
        Array.isArray(b.VersionStages) && b.VersionStages.length > 0 ? (b.VersionStages as string[]) : ['AWSCURRENT'];
      const v = addVersion(
        s,
        value,
        typeof b.ClientRequestToken === 'string' ? b.ClientRequestToken : undefined,
        stages,
      );
      return jsonOk({ ARN: s.ARN, Name: s.Name, VersionId: v.VersionId, VersionStages: [...v.VersionStages] });
    }),
  ];
}
