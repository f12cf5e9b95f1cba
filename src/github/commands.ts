/** `/apigw-sync <command> [arg]` in a PR comment (first line only; anything else is not for us). */
export type SlashCommand =
  { name: 'plan' } | { name: 'apply' } | { name: 'unlock'; api?: string } | { name: 'unknown'; text: string };

export function parseSlashCommand(body: string | null | undefined): SlashCommand | undefined {
  const first = (body ?? '').trimStart().split(/\r?\n/)[0].trim();
  const m = /^\/apigw-sync(?:\s+(\S+))?(?:\s+(\S+))?\s*$/.exec(first);
  if (!m) return first.startsWith('/apigw-sync') ? { name: 'unknown', text: first } : undefined;
  const [, name, arg] = m;
  if (name === 'plan' && !arg) return { name: 'plan' };
  if (name === 'apply' && !arg) return { name: 'apply' };
  if (name === 'unlock') return { name: 'unlock', api: arg };
  return { name: 'unknown', text: first };
}
