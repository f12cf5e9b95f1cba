/**
 * Repository permissions, always asked of GitHub (never taken from a payload's
 * `author_association`, which says nothing about write access).
 */
import type { GitHubClient, RepoRef } from './client.js';

export type RepoPermission = 'read' | 'triage' | 'write' | 'maintain' | 'admin';

const RANK: Record<RepoPermission, number> = { read: 0, triage: 1, write: 2, maintain: 3, admin: 4 };

export interface UserPermission {
  /** The role GitHub reports (`role_name`: one of the five, or a custom role's name). */
  role: string;
  /** The least of the five the user certainly has. */
  level: RepoPermission | 'none';
}

export async function userPermission(gh: GitHubClient, repo: RepoRef, username: string): Promise<UserPermission> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    const role = data.role_name ?? data.permission;
    // A custom role's name says nothing GitHub guarantees: fall back to its base permission (admin/write/read).
    const level =
      role in RANK ? (role as RepoPermission) : data.permission in RANK ? (data.permission as RepoPermission) : 'none';
    return { role, level };
  } catch (e) {
    // Not a collaborator (404 for some accounts): no access.
    if ((e as { status?: number }).status === 404) return { role: 'none', level: 'none' };
    throw e;
  }
}

export function atLeast(p: UserPermission, min: RepoPermission): boolean {
  return p.level !== 'none' && RANK[p.level] >= RANK[min];
}
