/**
 * The App's own configuration, checked before it listens. Without a webhook secret probot
 * accepts deliveries signed with the public default `development` — anyone could send the
 * App a fake approval or push — so the App refuses to start without one, and without its
 * identity (APP_ID and a private key) and the key that seals its comments. Only the explicit
 * development flag relaxes the secrets, loudly. Values are never printed.
 */
import { randomBytes } from 'node:crypto';
import { ApigwSyncError } from '../model/errors.js';

export const SIGNING_KEY_VAR = 'APIGW_SYNC_SIGNING_KEY';
export const DEVELOPMENT_FLAG = 'APIGW_SYNC_INSECURE_DEVELOPMENT';
/** A shorter HMAC key is guessable; 32 characters of a random string is the floor. */
export const MIN_SIGNING_KEY_LENGTH = 32;

export interface AppEnvironment {
  signingKey: string;
  /** Warnings to log at start (development mode). */
  warnings: string[];
}

export class AppEnvironmentError extends ApigwSyncError {
  constructor(problems: string[]) {
    super('APP_ENVIRONMENT', `the App cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      hint: `set the variables (see README, "GitHub App"); for a local trial only, ${DEVELOPMENT_FLAG}=true accepts unsigned webhooks and a throw-away signing key`,
    });
  }
}

export function checkAppEnvironment(env: NodeJS.ProcessEnv): AppEnvironment {
  const dev = env[DEVELOPMENT_FLAG] === 'true';
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!env.APP_ID?.trim()) problems.push('APP_ID is not set (the App id from its settings page)');
  if (!env.PRIVATE_KEY?.trim() && !env.PRIVATE_KEY_PATH?.trim())
    problems.push('PRIVATE_KEY or PRIVATE_KEY_PATH is not set (the App private key, PEM)');
  if (!env.WEBHOOK_SECRET) {
    if (dev)
      warnings.push(
        `WEBHOOK_SECRET is not set: ${DEVELOPMENT_FLAG} accepts webhooks signed with probot's public "development" secret — never expose this App to the internet`,
      );
    else problems.push('WEBHOOK_SECRET is not set: without it anyone could send the App forged webhooks');
  }
  let signingKey = env[SIGNING_KEY_VAR] ?? '';
  if (signingKey.length < MIN_SIGNING_KEY_LENGTH) {
    if (dev) {
      signingKey = randomBytes(32).toString('base64url');
      warnings.push(
        `${SIGNING_KEY_VAR} is not set: using a throw-away key, so plan comments written before a restart no longer verify`,
      );
    } else
      problems.push(
        `${SIGNING_KEY_VAR} is ${signingKey ? `shorter than ${MIN_SIGNING_KEY_LENGTH} characters` : 'not set'} (the key that seals the plan comment's data; e.g. \`openssl rand -base64 48\`)`,
      );
  }
  if (problems.length) throw new AppEnvironmentError(problems);
  return { signingKey, warnings };
}
