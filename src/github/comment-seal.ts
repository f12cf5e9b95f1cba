/**
 * The sticky comment's data block, sealed with a MAC. The App remembers between webhooks
 * which commit it planned and which desired state that commit declares by writing it into
 * its own comment. Anyone can post a look-alike comment and writers can edit the App's, so
 * the block carries an HMAC-SHA256 keyed by a secret only the App holds
 * (`APIGW_SYNC_SIGNING_KEY`), bound to the repository and pull request: a block copied from
 * another pull request or edited by hand does not verify and is treated as absent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DATA_BLOCK_RE, decodePayload, type CommentData } from '../render/comment-data.js';

export interface SealContext {
  owner: string;
  repo: string;
  issue_number: number;
}

export interface CommentSealer {
  /** The body with its data block sealed for this pull request. */
  seal(body: string, at: SealContext): string;
  /** The data of a sealed block whose MAC verifies for this pull request, else undefined. */
  open(body: string | null | undefined, at: SealContext): CommentData | undefined;
}

export function hmacSealer(key: string): CommentSealer {
  const mac = (payload: string, at: SealContext) =>
    createHmac('sha256', key)
      .update(
        `apigw-sync:comment:v1\n${at.owner.toLowerCase()}/${at.repo.toLowerCase()}#${at.issue_number}\n${payload}`,
      )
      .digest('base64url');
  return {
    seal(body, at) {
      const m = DATA_BLOCK_RE.exec(body);
      if (!m) return body;
      return body.replace(m[0], `<!-- apigw-sync:data ${m[1]} ${mac(m[1], at)} -->`);
    },
    open(body, at) {
      const m = body ? DATA_BLOCK_RE.exec(body) : null;
      if (!m || !m[2]) return undefined;
      const want = Buffer.from(mac(m[1], at));
      const got = Buffer.from(m[2]);
      if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
      return decodePayload(m[1]);
    },
  };
}
