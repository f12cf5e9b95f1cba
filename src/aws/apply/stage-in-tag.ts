/**
 * Stage names inside tag values. AWS tag values allow letters, digits, spaces and
 * `_ . : / = + - @` — not `$`, which HTTP APIs' `$default` stage has. Stage names never
 * contain `@`, so `$` ↔ `@` is a lossless mapping.
 */
export const stageToTag = (stage: string): string => stage.replaceAll('$', '@');
export const stageFromTag = (text: string): string => text.replaceAll('@', '$');
