/** Identifiers shaped like API Gateway's: lower-case alphanumerics, always with a letter first. */
import { randomInt } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ALNUM = LETTERS + '0123456789';

export function newId(length: number): string {
  let id = LETTERS[randomInt(LETTERS.length)];
  while (id.length < length) id += ALNUM[randomInt(ALNUM.length)];
  return id;
}

export const ID_LENGTH = {
  api: 10,
  route: 7,
  integration: 7,
  authorizer: 6,
  deployment: 6,
  routeResponse: 6,
  integrationResponse: 6,
  model: 6,
} as const;
