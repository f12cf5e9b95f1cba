/**
 * The checks WAF makes on a web ACL's shape beyond the model: a default action of exactly one
 * kind (Allow or Block), rule names and priorities unique, each statement exactly one kind of
 * statement (nested And/Or/Not statements included), and a rule's Action only on its own
 * statements, OverrideAction only on rule-group references. Statements are stored as given;
 * the emulator does not evaluate them.
 */
import { invalidParameter } from './route-def.js';

const RULE_GROUP_STATEMENTS = new Set(['ManagedRuleGroupStatement', 'RuleGroupReferenceStatement']);

const kinds = (o: unknown) =>
  o && typeof o === 'object'
    ? Object.keys(o as object).filter(
        (k) => (o as Record<string, unknown>)[k] !== undefined && (o as Record<string, unknown>)[k] !== null,
      )
    : [];

export function checkDefaultAction(a: unknown): void {
  const k = kinds(a).filter((x) => x === 'Allow' || x === 'Block');
  if (k.length !== 1 || kinds(a).length !== 1)
    throw invalidParameter(
      'DEFAULT_ACTION',
      JSON.stringify(a ?? null),
      'Your request is missing a required parameter or has a field that requires exactly one value set, but has more or none',
    );
}

function checkStatement(s: unknown, at: string): string {
  const k = kinds(s);
  if (k.length !== 1)
    throw invalidParameter(
      'STATEMENT',
      at,
      'You have used more than one statement type, or none, where exactly one is required',
    );
  const kind = k[0];
  const inner = (s as Record<string, Record<string, unknown>>)[kind];
  if (kind === 'AndStatement' || kind === 'OrStatement') {
    const list = inner?.Statements;
    if (!Array.isArray(list) || list.length < 2)
      throw invalidParameter('STATEMENT', at, `${kind} needs at least two statements`);
    list.forEach((x, i) => checkStatement(x, `${at}.${kind}.Statements[${i}]`));
  } else if (kind === 'NotStatement') {
    checkStatement(inner?.Statement, `${at}.NotStatement.Statement`);
  }
  return kind;
}

export function checkRules(rules: unknown): void {
  if (rules === undefined) return;
  if (!Array.isArray(rules)) throw invalidParameter('RULE', 'Rules', 'Rules must be a list');
  const names = new Set<string>();
  const priorities = new Set<number>();
  rules.forEach((r: Record<string, unknown>, i) => {
    const name = String(r.Name);
    if (names.has(name)) throw invalidParameter('RULE', name, 'A rule name is used twice');
    if (priorities.has(r.Priority as number))
      throw invalidParameter('RULE', name, `Priority ${String(r.Priority)} is used by two rules`);
    names.add(name);
    priorities.add(r.Priority as number);
    const kind = checkStatement(r.Statement, `Rules[${i}].Statement`);
    const group = RULE_GROUP_STATEMENTS.has(kind);
    if (group && r.Action !== undefined)
      throw invalidParameter(
        'RULE_ACTION',
        name,
        'A rule that references a rule group takes OverrideAction, not Action',
      );
    if (!group && r.OverrideAction !== undefined)
      throw invalidParameter(
        'OVERRIDE_ACTION',
        name,
        'OverrideAction applies only to rules that reference a rule group',
      );
    if (group && r.OverrideAction === undefined)
      throw invalidParameter(
        'OVERRIDE_ACTION',
        name,
        'A rule that references a rule group needs an OverrideAction (None or Count)',
      );
    if (!group && r.Action === undefined)
      throw invalidParameter('RULE_ACTION', name, 'A rule needs an Action (Allow, Block, Count, Captcha or Challenge)');
  });
}
