// What an article may not carry, decided once when it is added (file, pasted text, web page, CLI).
//
// Invisible controls (ESC and the other C0/C1 controls except tab and line breaks, DEL, and the bidi
// embeddings, overrides and isolates U+202A-202E, U+2066-2069) are REMOVED: they are no words, a reader
// sees the same text without them, and a web page's author cannot be asked to fix their page. They are
// removed before anything is stored, so the stored text is the source: its hash, its offsets and every
// quote are of the text without them. The person adding is told what was removed.
//
// Damage is REFUSED: a NUL or half of a UTF-16 pair means the text is binary or broken, and removing it
// would hide that. So is text without a single letter (emoji, digits or punctuation only): there is
// nothing to quote an answer from.
import { ArticleError } from './article.ts';

// Tab, line feed and carriage return stay: they lay the text out.
const INVISIBLE_CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;
// With the `u` flag a well-formed pair is one code point, so this matches only halves of broken pairs.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Each character removed, with how many times it was there, in order of first appearance. */
export type RemovedCharacters = { char: string; count: number }[];

const NAMES: Record<string, string> = {
  '\u0007': 'BEL',
  '\u0008': 'backspace',
  '\u001B': 'ESC, a terminal escape',
  '\u007F': 'DEL',
  '\u202A': 'left-to-right embedding',
  '\u202B': 'right-to-left embedding',
  '\u202C': 'pop directional formatting',
  '\u202D': 'left-to-right override',
  '\u202E': 'right-to-left override',
  '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate',
  '\u2068': 'first strong isolate',
  '\u2069': 'pop directional isolate',
};

/** "U+202E" */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text without invisible controls, and what was removed. */
export function removeInvisibleControls(text: string, removed: RemovedCharacters = []): { text: string; removed: RemovedCharacters } {
  const cleaned = text.replace(INVISIBLE_CONTROL, (char) => {
    const seen = removed.find((r) => r.char === char);
    if (seen) seen.count++;
    else removed.push({ char, count: 1 });
    return '';
  });
  return { text: cleaned, removed };
}

/**
 * An article's text as it will be stored: invisible controls removed, or an ArticleError saying why it
 * cannot be an article. `what` names it in the message ("The pasted text").
 */
export function articleCharacters(text: string, what: string): { text: string; removed: RemovedCharacters } {
  if (text.includes('\u0000')) throw new ArticleError(`${what} contains NUL characters: it looks binary or damaged, not text. Nothing was added.`);
  if (LONE_SURROGATE.test(text)) throw new ArticleError(`${what} contains a broken character (half of an emoji or of another character): it looks damaged. Nothing was added.`);
  const result = removeInvisibleControls(text);
  if (!/\p{L}/u.test(result.text)) throw new ArticleError(`${what} has no words (no letter at all): there is nothing to quote from it. Nothing was added.`);
  return result;
}

/** A title, outlet or date: one line, without controls; a broken character becomes U+FFFD. */
export function cleanDetail(text: string, removed: RemovedCharacters = []): string {
  const { text: cleaned } = removeInvisibleControls(text.replace(/\u0000/gu, ''), removed);
  return cleaned.replace(/[\uD800-\uDFFF]/gu, '\uFFFD').replace(/\s+/gu, ' ').trim();
}

/** One sentence for the person adding the article, or undefined when nothing was removed. */
export function describeRemoved(removed: RemovedCharacters): string | undefined {
  if (removed.length === 0) return undefined;
  const total = removed.reduce((sum, r) => sum + r.count, 0);
  const each = removed.map((r) => `${codePointName(r.char)}${NAMES[r.char] ? ` ${NAMES[r.char]}` : ''} ×${r.count}`).join(', ');
  return `Removed ${total} invisible control ${total === 1 ? 'character' : 'characters'} (${each}): they could reorder or hide text, and quotes are from the text without them.`;
}
