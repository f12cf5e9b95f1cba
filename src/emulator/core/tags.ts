/**
 * AWS's rules for resource tags, enforced like API Gateway does (BadRequestException), so a
 * tool that writes its state into tags learns here, not in production, what AWS refuses:
 * keys 1–128 and values 0–256 characters of letters, digits, spaces and `_ . : / = + - @`.
 */
import { badRequest } from './types.js';

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Returns the tags unchanged, or throws the BadRequestException AWS would. */
export function checkTags<T extends Record<string, string> | undefined>(tags: T): T {
  for (const [key, value] of Object.entries(tags ?? {}) as Array<[string, string]>) {
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
      throw badRequest(`Invalid tag key "${key}": 1-128 characters of letters, digits, spaces and _ . : / = + - @`);
    }
    if (value.length > 256 || !TAG_TEXT.test(value)) {
      throw badRequest(
        `Invalid tag value for key "${key}": at most 256 characters of letters, digits, spaces and _ . : / = + - @`,
      );
    }
  }
  return tags;
}
