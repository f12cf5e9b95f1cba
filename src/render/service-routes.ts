/** Words and symbols for a service's route statuses, shared by the text, Markdown and PR body renderers. */
import type { RouteStatus } from '../service/index.js';

export const ROUTE_ICON: Record<RouteStatus, string> = {
  added: '🟢',
  changed: '🟡',
  removed: '🔴',
  refused: '⛔',
  unchanged: '⚪',
};
export const ROUTE_SYMBOL: Record<RouteStatus, string> = {
  added: '+',
  changed: '~',
  removed: '-',
  refused: '!',
  unchanged: '=',
};
export const ROUTE_WORD: Record<RouteStatus, string> = {
  added: 'added',
  changed: 'changed',
  removed: 'removed',
  refused: 'refused',
  unchanged: 'unchanged',
};
