// What the command line writes reaches a terminal: a page title or an article carrying ESC could move the
// cursor, recolour or retitle the window, and a bidi override could reorder what is read. Every such
// character is written as a visible \uXXXX instead. The same form is a JSON escape, so a JSON line stays
// valid and parses to the same value.
import type { CommandOutput } from './args.ts';

// Controls except tab and line feed (a carriage return can overwrite a line), DEL, C1, the bidi
// embeddings, overrides and isolates, and halves of broken UTF-16 pairs.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/gu;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The same output, every write made terminal-safe. */
export function terminalOutput(out: CommandOutput): CommandOutput {
  return { stdout: (text) => out.stdout(terminalSafe(text)), stderr: (text) => out.stderr(terminalSafe(text)) };
}
