// What a command line prints, made safe for a terminal: text from a web page or an article (a title, an
// outlet) could hold escape sequences that move the cursor, retitle the window or hide what follows, or
// bidi overrides that reorder a line. Those are removed; line breaks and tabs stay.
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '');
}
