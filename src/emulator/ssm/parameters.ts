/**
 * Parameter Store, the two calls the tool makes to read an API key value kept as a SecureString:
 * PutParameter (create — a Type is required — or, with Overwrite, a new version of the same
 * type; tags only on create; the 4 KB standard-tier limit; AllowedPattern) and GetParameter
 * (by name, `name:version`, or ARN; a SecureString's value is ciphertext unless
 * WithDecryption). AWS's refusals: ParameterAlreadyExists, ParameterNotFound (with an empty
 * message, as AWS sends it), ParameterVersionNotFound, HierarchyTypeMismatchException,
 * ParameterPatternMismatchException, ValidationException.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { json11Route, jsonOk } from '../core/json-route.js';
import { AwsError, type RouteDef } from '../core/types.js';
import type { Partition } from '../core/partitions.js';
import type { Parameter, ParameterVersion, SsmState } from './types.js';

const route = (operation: string, write: boolean, handler: Parameters<typeof json11Route>[4]) =>
  json11Route('ssm', 'AmazonSSM', operation, write, handler);
const err = (code: string, message: string) => new AwsError(400, code, message);
const validation = (message: string) => err('ValidationException', message);

const STANDARD_MAX = 4096;
const ADVANCED_MAX = 8192;
/** The key SecureString ciphertexts are sealed with (one per emulator process; the plain value is kept beside it). */
const SEAL_KEY = randomBytes(32);

function seal(value: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', SEAL_KEY, iv);
  const body = Buffer.concat([c.update(value, 'utf8'), c.final()]);
  // Shaped like KMS ciphertext blobs (they start with AQICAH…), never the value itself.
  return Buffer.concat([Buffer.from([1, 2, 2, 0, 0x78]), iv, c.getAuthTag(), body]).toString('base64');
}

function checkName(name: string): void {
  if (/^\s|\s$/.test(name) || /\s/.test(name.trim())) throw validation(`Parameter name: can't contain spaces: ${name}`);
  if (/^\/?(aws|ssm)/i.test(name))
    throw validation(
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  if (!/^[A-Za-z0-9_.\-/]+$/.test(name))
    throw validation(
      `Parameter name ${name} contains a character it may not: use letters, numbers and .-_ (and / for a path)`,
    );
  if (name.includes('/') && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.');
  if (name.split('/').filter(Boolean).length > 15)
    throw err('HierarchyLevelLimitExceededException', 'A hierarchy can have a maximum of 15 levels.');
}

export function parameterRoutes(state: () => SsmState, here: Partition): RouteDef[] {
  const arnOf = (name: string) =>
    `arn:aws:ssm:${here.region}:${here.accountId}:parameter${name.startsWith('/') ? name : `/${name}`}`;
  /** Name, `name:version` (labels are not kept), or the parameter's ARN. */
  const lookup = (raw: string): { p: Parameter; v: ParameterVersion; selector?: string } => {
    let name = raw.trim();
    const arn = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter(\/.+)$/.exec(name);
    if (arn) {
      if (arn[1] !== here.region || arn[2] !== here.accountId) throw err('ParameterNotFound', '');
      name = state().parameters.some((x) => x.Name === arn[3]) ? arn[3] : arn[3].slice(1);
    }
    const sel = /^(.*):([^:/]+)$/.exec(name);
    const base = sel ? sel[1] : name;
    const p = state().parameters.find((x) => x.Name === base);
    if (!p) throw err('ParameterNotFound', '');
    if (!sel) return { p, v: p.versions[p.versions.length - 1] };
    const v = /^\d+$/.test(sel[2]) ? p.versions.find((x) => x.Version === Number(sel[2])) : undefined;
    if (!v)
      throw err(
        'ParameterVersionNotFound',
        `Systems Manager could not find version ${sel[2]} of ${base}. Verify the version and try again.`,
      );
    return { p, v, selector: `:${sel[2]}` };
  };
  return [
    route('PutParameter', true, (b) => {
      const name = String(b.Name);
      const value = String(b.Value);
      checkName(name);
      const existing = state().parameters.find((x) => x.Name === name);
      if (existing && b.Overwrite !== true)
        throw err(
          'ParameterAlreadyExists',
          'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
        );
      if (existing && b.Tags !== undefined) {
        throw validation(
          "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
        );
      }
      const type = (b.Type as Parameter['Type'] | undefined) ?? existing?.Type;
      if (!type) throw validation('A parameter type is required when you create a parameter.');
      if (existing && b.Type !== undefined && b.Type !== existing.Type)
        throw err(
          'HierarchyTypeMismatchException',
          `The parameter ${name} is a ${existing.Type}; its type can't be changed. Delete it and create it again with the new type.`,
        );
      if (b.KeyId !== undefined && type !== 'SecureString')
        throw validation('KeyId is required for SecureString type parameter only.');
      const tier = (b.Tier as string | undefined) ?? existing?.Tier ?? 'Standard';
      if (tier === 'Standard' && [...value].length > STANDARD_MAX)
        throw validation(
          `Standard tier parameters support a maximum parameter value of ${STANDARD_MAX} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`,
        );
      if ([...value].length > ADVANCED_MAX)
        throw validation(`Advanced tier parameters support a maximum parameter value of ${ADVANCED_MAX} characters.`);
      const pattern = (b.AllowedPattern as string | undefined) ?? existing?.AllowedPattern;
      if (pattern !== undefined && pattern !== '') {
        let re: RegExp;
        try {
          re = new RegExp(pattern);
        } catch {
          throw err(
            'InvalidAllowedPatternException',
            `The request does not meet the regular expression requirement: ${pattern}`,
          );
        }
        if (!re.test(value))
          throw err(
            'ParameterPatternMismatchException',
            `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
          );
      }
      const version: ParameterVersion = {
        Version: (existing?.versions.at(-1)?.Version ?? 0) + 1,
        Value: value,
        Ciphertext: type === 'SecureString' ? seal(value) : undefined,
        LastModifiedDate: Date.now() / 1000,
      };
      if (existing) {
        existing.versions.push(version);
        if (typeof b.Description === 'string') existing.Description = b.Description;
        existing.Tier = tier;
        if (pattern !== undefined) existing.AllowedPattern = pattern;
      } else {
        state().parameters.push({
          Name: name,
          Type: type,
          Tier: tier,
          DataType: (b.DataType as string | undefined) ?? 'text',
          ...(typeof b.Description === 'string' ? { Description: b.Description } : {}),
          ...(type === 'SecureString' ? { KeyId: (b.KeyId as string | undefined) ?? 'alias/aws/ssm' } : {}),
          ...(pattern !== undefined ? { AllowedPattern: pattern } : {}),
          Tags: (b.Tags as Parameter['Tags'] | undefined) ?? [],
          versions: [version],
        });
      }
      return jsonOk({ Version: version.Version, Tier: tier });
    }),
    route('GetParameter', false, (b) => {
      const { p, v, selector } = lookup(String(b.Name));
      const decrypt = b.WithDecryption === true;
      return jsonOk({
        Parameter: {
          Name: p.Name,
          Type: p.Type,
          Value: p.Type === 'SecureString' && !decrypt ? v.Ciphertext : v.Value,
          Version: v.Version,
          ...(selector ? { Selector: selector } : {}),
          LastModifiedDate: v.LastModifiedDate,
          ARN: arnOf(p.Name),
          DataType: p.DataType,
        },
      });
    }),
  ];
}
