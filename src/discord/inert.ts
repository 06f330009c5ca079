// Article text shown exactly but inert: quotes, the sentences around them, titles. Where a character
// would be Discord markup it gets a backslash, which Discord's renderer drops (`\X` shows X for any X
// that is not a letter, digit or space), so a reader sees the article's own characters, and a masked
// link, a bare address, an invite, a mention, a heading, a list or bold text stays plain text.
// renderedText is that rule the other way: what a Discord client shows for a message's content.
//
// Not discord.js's escapeMarkdown: it leaves links and mentions working on purpose (it is made for
// text that may link), misses `-#` subtext, and escapes only one masked link per line.

// Markup wherever it stands: formatting, spoilers, code, masked links, <…> mentions, emoji,
// timestamps and links, @everyone/@here, quotes; and the backslash itself, so the escape is undone exactly.
const ANYWHERE = /[\\*_~`|<>[\]@]/gu;
// The ':' of an address (any scheme): https\://… is not linked.
const SCHEME_SEPARATOR = /:(?=\/\/)/gu;
// Addresses Discord links (or previews as invites) without a scheme.
const BARE_HOST = /(www|discord(?:app)?|dsc)\.(?=[a-z])/giu;
// At the start of a line: headings (#), subtext (-#), lists (- + and 1.).
const LINE_START_MARK = /^([^\S\n]*)([#+-])/gmu;
const NUMBERED_LIST = /^([^\S\n]*\p{Nd}+)\./gmu;

/** The text with a backslash before every character Discord would read as markup. */
export function escapeInert(text: string): string {
  return text
    .replace(ANYWHERE, '\\$&')
    .replace(SCHEME_SEPARATOR, '\\:')
    .replace(BARE_HOST, '$1\\.')
    .replace(LINE_START_MARK, '$1\\$2')
    .replace(NUMBERED_LIST, '$1\\.');
}

/** What a Discord client shows for escaped text: every backslash before a non-alphanumeric character dropped. */
export function renderedText(content: string): string {
  return content.replace(/\\([^0-9A-Za-z\s])/gu, '$1');
}
