/**
 * API Gateway account settings (GetAccount, UpdateAccount) and REST client certificates as an
 * emulator module. It refuses, for the v1 module, REST logging without the account's
 * CloudWatch role and a stage naming a client certificate that does not exist.
 */
import {
  badRequest,
  DEFAULT_SETTINGS,
  type ForeignTags,
  type ModuleContext,
  type ResourceEvent,
  type ServiceModule,
} from '../core/types.js';
import { DEFAULT_PARTITION } from '../core/partitions.js';
import { accountRoutes } from './account.js';
import { clientCertificateRoutes } from './client-certificates.js';
import type { AccountState } from './types.js';

export const ACCOUNT_MODULE_NAME = 'apigateway-account';

export interface AccountModule extends ServiceModule {
  state(): AccountState;
}

export function createAccountModule(ctx?: ModuleContext): AccountModule {
  const partition = ctx?.partition ?? DEFAULT_PARTITION;
  const fresh = (): AccountState => {
    const role = (ctx?.settings ?? DEFAULT_SETTINGS).cloudWatchRoleArn;
    return {
      account: {
        features: ['UsagePlans'],
        ...(role ? { cloudwatchRoleArn: role.replace('{account}', partition.accountId) } : {}),
      },
      clientCertificates: [],
    };
  };
  let state = fresh();
  return {
    name: ACCOUNT_MODULE_NAME,
    state: () => state,
    routes: [
      ...accountRoutes(
        () => state.account,
        (a) => (state.account = a),
        partition,
      ),
      ...clientCertificateRoutes(() => state, ctx),
    ],
    snapshot: () => structuredClone(state),
    restore: (data) => {
      const d = data as AccountState | undefined;
      state = d && d.account && Array.isArray(d.clientCertificates) ? structuredClone(d) : fresh();
    },
    reset: () => {
      state = fresh();
    },
    guard: (event: ResourceEvent) => {
      if (event.type === 'rest-stage.logging' && !state.account.cloudwatchRoleArn)
        throw badRequest('CloudWatch Logs role ARN must be set in account settings to enable logging');
      if (
        event.type === 'rest-stage.client-certificate' &&
        !state.clientCertificates.some((c) => c.clientCertificateId === event.clientCertificateId)
      ) {
        throw badRequest(`Invalid client certificate identifier specified: ${event.clientCertificateId}`);
      }
    },
    taggable: (service, arn): ForeignTags | undefined => {
      const m =
        service === 'apigateway'
          ? /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/clientcertificates\/([^/]+)$/.exec(arn)
          : null;
      const c = m ? state.clientCertificates.find((x) => x.clientCertificateId === m[1]) : undefined;
      if (!c) return undefined;
      return { get: () => (c.tags ??= {}), set: (tags) => (c.tags = tags) };
    },
  };
}
