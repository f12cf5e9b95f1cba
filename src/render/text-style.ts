/**
 * Terminal styles for the text renderers. Colour only when asked ({ color: true }, which
 * the CLI sets for a TTY); otherwise every style is the identity, so golden files and
 * logs hold plain text.
 */
export interface TextStyle {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  magenta(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function textStyle(opts: { color: boolean }): TextStyle {
  if (!opts.color)
    return { green: plain, red: plain, yellow: plain, cyan: plain, magenta: plain, bold: plain, dim: plain };
  return {
    green: ansi(32, 39),
    red: ansi(31, 39),
    yellow: ansi(33, 39),
    cyan: ansi(36, 39),
    magenta: ansi(35, 39),
    bold: ansi(1, 22),
    dim: ansi(2, 22),
  };
}
