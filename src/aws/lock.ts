/**
 * The apply lock: a tag `apigw-sync:lock` on the API, value `<owner> <acquiredAt> <expiresAt>`
 * (ISO times). AWS tag values cannot hold `|`, so fields are separated by spaces and the
 * owner is reduced to the characters tags allow.
 *
 * Acquire = read the tags; refuse with LockedError if a lock is held and not expired; write
 * ours; wait a moment; read again and confirm ours is the one there. Apply checks once more
 * right before its first write (`verify`), after re-reading the API.
 *
 * The race window, honestly: tags have no compare-and-set. Two runs that both read "free"
 * before either writes will both write; the later write wins and the earlier run sees that
 * on its re-read and backs off. But if run B reads "free" before A writes, and writes only
 * after A has re-read and confirmed, both believe they hold the lock. The window is B's
 * read-to-write time (one GetTags round trip); `settleMs` plus the re-read before the first
 * write make it very unlikely to matter. The GitHub
 * workflows close it completely with a `concurrency` group per repository; the lock guards
 * against everything else (a laptop apply during a CI apply, a second replica).
 */
import { hostname, userInfo } from 'node:os';
import { ApigwSyncError, LockedError } from '../model/errors.js';
import { TAG_LOCK } from '../model/live.js';
import type { AwsCaller } from './apply/call.js';
import { ApiTags, type ApiClients, type ApiRef } from './apply/tags.js';

export interface LockInfo {
  owner: string;
  acquiredAt: string;
  expiresAt: string;
}

export interface LockOptions {
  clients: ApiClients;
  caller: AwsCaller;
  region: string;
  owner?: string;
  /** Default 30 minutes: longer than any apply that stays within the quotas. */
  ttlSeconds?: number;
  /**
   * Pause between writing the lock and reading it back (default 250 ms): longer than a
   * TagResource takes to land, so a rival that read "free" just before our write has
   * landed its own write by the time we look.
   */
  settleMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Says why a held, unexpired lock is stale anyway (its holder is gone), or undefined.
   * Default: `staleHolder` of its owner. The engine adds the rollout lease: an apply whose
   * rollout stopped renewing its lease has stopped (src/engine/rollout-lock.ts).
   */
  isStale?: (lock: LockInfo) => string | undefined | Promise<string | undefined>;
  /** Told when a stale lock is taken over. */
  onTakeOver?: (previous: LockInfo, why: string) => void;
  /**
   * Other tags written in the same TagResource as the lock (apply's pending tag: one call
   * less per apply). Whoever wins the lock wrote last, so its values are the ones that stay.
   */
  alsoSet?: Record<string, string>;
}

export interface HeldLock {
  readonly api: ApiRef;
  readonly value: string;
  /** Throws LockedError unless the lock tag is still ours (checked again right before the first write). */
  verify(): Promise<void>;
  /** Removes the lock (and `alsoRemove` tags) if we still hold it. */
  release(opts?: { alsoRemove?: string[] }): Promise<void>;
}

/** `user@host/pid`, or the GitHub run when in Actions; reduced to tag-safe characters. */
export function defaultOwner(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.GITHUB_RUN_ID
    ? `github-run/${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? '1'}`
    : `${safeUser()}@${hostname()}/${process.pid}`;
  return tagSafe(raw);
}

export function tagSafe(s: string): string {
  return s.replace(/[^\p{L}\p{N}_.:/=+\-@]/gu, '_').slice(0, 120);
}

export function encodeLock(l: LockInfo): string {
  return `${tagSafe(l.owner)} ${l.acquiredAt} ${l.expiresAt}`;
}

export function decodeLock(text: string): LockInfo | undefined {
  const [owner, acquiredAt, expiresAt] = text.trim().split(/\s+/);
  if (!owner || !acquiredAt || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return undefined;
  return { owner, acquiredAt, expiresAt };
}

export async function acquireLock(api: ApiRef, o: LockOptions): Promise<HeldLock> {
  const tags = new ApiTags(o.clients, o.caller, o.region);
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const owner = o.owner ?? defaultOwner();

  const held = (await tags.read(api))[TAG_LOCK];
  const previous = await refuseIfHeld(api, held, now(), o.isStale ?? ((l) => staleHolder(l.owner)));
  if (previous) o.onTakeOver?.(previous.info, previous.why);

  // A per-acquisition suffix: two runs with the same owner string still tell their locks apart.
  const value = newLockValue({ owner, ttlSeconds: o.ttlSeconds, now });
  await tags.set(api, { ...o.alsoSet, [TAG_LOCK]: value });
  await sleep(o.settleMs ?? 250);
  const lock = heldLock(api, value, o);
  await lock.verify();
  return lock;
}

/** A lock value for an API created by this run (CreateRestApi/CreateApi carry it as a tag). */
export function newLockValue(o: Pick<LockOptions, 'owner' | 'ttlSeconds' | 'now'>): string {
  const t = (o.now ?? Date.now)();
  return encodeLock({
    owner: `${o.owner ?? defaultOwner()}/${Math.random().toString(36).slice(2, 8)}`,
    acquiredAt: new Date(t).toISOString(),
    expiresAt: new Date(t + (o.ttlSeconds ?? 1800) * 1000).toISOString(),
  });
}

/** The lock we hold (acquired, or written at creation). */
export function heldLock(api: ApiRef, value: string, o: Pick<LockOptions, 'clients' | 'caller' | 'region'>): HeldLock {
  const tags = new ApiTags(o.clients, o.caller, o.region);
  return {
    api,
    value,
    async verify() {
      const current = (await tags.read(api))[TAG_LOCK];
      if (current !== value) {
        const other = current ? decodeLock(current) : undefined;
        throw new LockedError(api.name, other?.owner ?? 'another apply', other?.expiresAt ?? 'unknown');
      }
    },
    async release({ alsoRemove = [] } = {}) {
      const current = (await tags.read(api))[TAG_LOCK];
      await tags.remove(api, current === value ? [TAG_LOCK, ...alsoRemove] : alsoRemove);
    },
  };
}

async function refuseIfHeld(
  api: ApiRef,
  held: string | undefined,
  now: number,
  isStale: NonNullable<LockOptions['isStale']>,
): Promise<{ info: LockInfo; why: string } | undefined> {
  if (!held) return undefined;
  const info = decodeLock(held);
  if (!info) {
    throw new ApigwSyncError('BAD_LOCK_TAG', `API "${api.name}" has an unreadable apigw-sync:lock tag "${held}"`, {
      hint: `if no apply is running, clear it with \`apigw-sync unlock --api ${api.name}\``,
    });
  }
  if (Date.parse(info.expiresAt) <= now) return { info, why: `it expired at ${info.expiresAt}` };
  const why = await isStale(info);
  if (why) return { info, why };
  throw new LockedError(api.name, info.owner, info.expiresAt);
}

/**
 * A lock whose holder certainly stopped: an apply on this machine whose process is gone, or
 * an earlier attempt of this same GitHub Actions run (a re-run only starts after it ended).
 * Anything else waits for expiry or `apigw-sync unlock`.
 */
export function staleHolder(owner: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const parts = owner.split('/');
  if (parts[0] === 'github-run') {
    const [, runId, attempt] = parts;
    if (env.GITHUB_RUN_ID === runId && env.GITHUB_RUN_ATTEMPT !== undefined && env.GITHUB_RUN_ATTEMPT !== attempt) {
      return `it belongs to attempt ${attempt} of this workflow run, which has ended`;
    }
    return undefined;
  }
  const [userHost, pidText] = parts;
  const pid = Number(pidText);
  if (userHost !== tagSafe(`${safeUser()}@${hostname()}`) || !Number.isInteger(pid) || pid === process.pid)
    return undefined;
  return processAlive(pid) ? undefined : `process ${pid} on this machine, which held it, is no longer running`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `apigw-sync unlock`: removes the lock whoever holds it. Returns what was removed. */
export async function forceUnlock(
  api: ApiRef,
  o: Pick<LockOptions, 'clients' | 'caller' | 'region'>,
): Promise<LockInfo | undefined> {
  const tags = new ApiTags(o.clients, o.caller, o.region);
  const held = (await tags.read(api))[TAG_LOCK];
  if (!held) return undefined;
  await tags.remove(api, [TAG_LOCK]);
  return decodeLock(held) ?? { owner: held, acquiredAt: '?', expiresAt: '?' };
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
