/** Aligned columns for the terminal: two spaces between columns, trailing spaces trimmed. Pure. */
export function textTable(rows: string[][], rightAligned: Set<number> = new Set()): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}
