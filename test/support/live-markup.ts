// What Discord would still read as markup in a message's text once every escaped character is taken
// out: the check that article text shown by the bot can neither link, ping nor format.

/** The kinds of live markup found (empty when the text is inert). */
export function liveMarkup(escaped: string): string[] {
  // a placeholder keeps the words apart, so "www\.x" does not become "www.x"
  const bare = escaped.replace(/\\[^0-9A-Za-z\s]/gu, '\u00b7');
  const found: string[] = [];
  for (const [name, pattern] of [
    ['formatting or mention character', /[*_~`|<>[\]@\\]/u],
    ['address', /:\/\//u],
    ['www address', /www\./iu],
    ['invite', /(?:discord(?:app)?|dsc)\.[a-z]/iu],
    ['heading, subtext or list', /^[^\S\n]*(?:[#+-]|\p{Nd}+\.)/mu],
  ] as const) {
    if (pattern.test(bare)) found.push(name);
  }
  return found;
}
