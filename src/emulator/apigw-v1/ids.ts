/** Identifiers shaped like API Gateway v1's: 10 (APIs, resources), 6 (deployments, authorizers, validators, models) lower-case alphanumerics. */
import { randomInt } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newId(length: number): string {
  let id = '';
  while (id.length < length) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

export const ID_LENGTH = {
  restApi: 10,
  resource: 10,
  deployment: 6,
  authorizer: 6,
  requestValidator: 6,
  model: 6,
} as const;

/** The account id the emulator pretends to be in (error messages, ARNs). */
export const ACCOUNT_ID = '000000000000';
