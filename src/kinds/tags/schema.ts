import { z } from 'zod';

/** User tags of an account-scope record. The tool's own (`apigw-sync:`) and AWS's (`aws:`) prefixes are reserved. */
export const tagMapSchema = z
  .record(z.string(), z.string())
  .superRefine((tags, ctx) => {
    for (const k of Object.keys(tags)) {
      if (/^(apigw-sync|aws):/.test(k))
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `tag key "${k}" is reserved (apigw-sync: and aws: are written by the tools themselves); pick another key`,
        });
    }
  })
  .describe('User tags (key: value). apigw-sync adds its own (apigw-sync:owner, apigw-sync:id).');
