// The one cleaner for every piece of text the bot repeats from a person or a model (echoed questions,
// topics, thread names, a model's own words). Quotes cut from the article never pass through here:
// they are shown byte for byte, escaped so they cannot act (inert.ts).
//
// What it does, in order:
//   - lone UTF-16 surrogates become U+FFFD (they break JSON and Discord rejects or mangles them);
//   - control characters (NUL, BEL, ESC, DEL, C1 ...) are removed; tabs and line breaks stay as spaces;
//   - bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) are removed, and runs of the
//     direction marks U+200E/U+200F/U+061C shrink to one (a single mark is normal in mixed Arabic text;
//     a run is only useful for visual spoofing);
//   - links are neutralised: a masked link `[text](url)` shows its text and then the address, and every
//     address (with a scheme, www., or a Discord invite) is written defanged, e.g. `https[:]//evil[.]example/x`,
//     so Discord never makes it clickable;
//   - mentions are broken with a zero-width space (@everyone, @here, <@id>, <@&role>, <#channel>).

const ZWSP = '\u200b';

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const DIRECTION_MARK_RUNS = /[\u200E\u200F\u061C]{2,}/gu;
// With the `u` flag a well-formed pair is one code point, so this matches only halves of broken pairs.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

// [text](<url>) or [text](url "title")
const MASKED_LINK = /\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/giu;
// Anything with a scheme Discord would link, a www. address, or an invite link without a scheme.
const ADDRESS =
  /<?\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/[^\s<>]+|www\.[^\s<>]+|(?:discord(?:app)?\.(?:gg|com|io|me|li)|dsc\.gg|discord\.new)\/[^\s<>]*)>?/giu;

/** Replaces lone surrogates (half of an emoji, say) with U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** `https://evil.example/login` -> `https[:]//evil[.]example/login`: still readable, never a link. */
export function defangAddress(address: string): string {
  return address
    .replace(/^<|>$/gu, '')
    .replace(/\./gu, '[.]')
    .replace(/:\/\//gu, '[:]//');
}

/** Makes every link in the text plain text: masked links show their words, addresses are defanged. */
export function neutraliseLinks(text: string): string {
  return text
    .replace(MASKED_LINK, (_m, words: string, url: string) => `${words.trim()}${url ? ` (${url})` : ''}`)
    .replace(ADDRESS, (address) => defangAddress(address));
}

/** Breaks @everyone/@here and user, role and channel mentions so nothing can ping, whatever allowedMentions says. */
export function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)/giu, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/gu, `<$1${ZWSP}$2>`);
}

/** Removes characters that have no business in an echo: controls, bidi overrides, broken surrogates. */
export function stripInvisibleTricks(text: string): string {
  return wellFormed(text)
    .replace(/[\t\r\n\u2028\u2029]/gu, (c) => (c === '\t' ? ' ' : c === '\u2028' || c === '\u2029' ? '\n' : c))
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(DIRECTION_MARK_RUNS, (run) => run[0]!);
}

export interface CleanOptions {
  /** Collapse all whitespace (line breaks included) to single spaces. */
  oneLine?: boolean;
  /** Escape Discord markdown (* _ ~ ` | \\) so a person's text cannot format the bot's message. */
  escapeMarkdown?: boolean;
}

/** The single cleaning step for anything repeated from a person or a model. Never use it on article quotes. */
export function cleanEchoedText(text: string, options: CleanOptions = {}): string {
  let out = breakMentions(neutraliseLinks(stripInvisibleTricks(text)));
  out = options.oneLine ? out.replace(/\s+/gu, ' ') : out.replace(/[^\S\n]+/gu, ' ');
  if (options.escapeMarkdown) out = out.replace(/([\\*_~`|])/gu, '\\$1');
  return out.trim();
}
