import type { FieldTable } from '../field.js';
import type { GatewayResponseModel } from './model.js';
import { GATEWAY_RESPONSE_DEFAULT_STATUS } from './types.js';

/**
 * PutGatewayResponse creates a customization whole; UpdateGatewayResponse patches
 * `/statusCode`, `/responseParameters/<name>` and `/responseTemplates/<content type>`
 * (`~1` for `/`); DeleteGatewayResponse resets the type to AWS's default.
 */
export const gatewayResponseFields: FieldTable<GatewayResponseModel> = {
  responseType: { rest: { wire: 'responseType' } },
  statusCode: {
    rest: {
      // AWS reports the type's default status when the customization names none: absent, unless the state declares one.
      read: (w, ctx) => {
        const code = w.statusCode as string | undefined;
        const dflt = GATEWAY_RESPONSE_DEFAULT_STATUS[String(w.responseType)];
        return code !== undefined && !(code === dflt && ctx.declared && ctx.declared.statusCode === undefined)
          ? code
          : undefined;
      },
      create: (v) => ({ statusCode: v }),
      // Leaving the status out means the type's default: set that.
      patch: (_b, a, ctx) => {
        const value = a ?? GATEWAY_RESPONSE_DEFAULT_STATUS[ctx.after.responseType];
        return value === undefined ? [] : [{ op: 'replace', path: '/statusCode', value }];
      },
    },
    breaking: (b, a) =>
      b.statusCode !== a.statusCode
        ? `status code ${b.statusCode ?? 'default'} → ${a.statusCode ?? 'default'}`
        : undefined,
  },
  responseParameters: {
    userKeys: true,
    rest: { wire: 'responseParameters', default: {}, path: '/responseParameters', style: 'map' },
  },
  responseTemplates: { rest: { wire: 'responseTemplates', default: {}, path: '/responseTemplates', style: 'map' } },
};
