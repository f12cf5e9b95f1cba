/**
 * v2 list paging: `maxResults` (a string on the wire) and an opaque `nextToken`. The token
 * encodes the offset of the next item; a token that does not decode is a BadRequest, as on AWS.
 */
import { badRequest, type EmuRequest } from '../core/types.js';

/** AWS documents no default page size for v2 lists; 100 keeps unpaged clients working for small APIs. */
export const DEFAULT_PAGE_SIZE = 100;

export function page<T>(items: T[], req: EmuRequest): { items: T[]; nextToken?: string } {
  const rawMax = req.query.get('maxResults');
  let max = DEFAULT_PAGE_SIZE;
  if (rawMax !== null) {
    max = Number(rawMax);
    if (!Number.isInteger(max) || max < 1 || max > 500) {
      throw badRequest(`Invalid maxResults: ${rawMax}; must be an integer between 1 and 500`);
    }
  }
  const token = req.query.get('nextToken');
  let start = 0;
  if (token !== null) {
    const m = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) throw badRequest('Invalid pagination token provided');
    start = Number(m[1]);
  }
  const slice = items.slice(start, start + max);
  const next = start + max < items.length ? Buffer.from(`o${start + max}`).toString('base64url') : undefined;
  return next ? { items: slice, nextToken: next } : { items: slice };
}
