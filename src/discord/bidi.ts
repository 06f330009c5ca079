// Keeps lines that mix Arabic and English in order. Without help the Unicode bidi algorithm lets a
// run of one direction pull neighbouring neutral characters (":", "@", "!") to the wrong side:
// "السؤال: @everyone" shows as "everyone@ :السؤال", and the "!" of an Arabic sentence at the end of
// an English line jumps to its far end. An isolate (FSI U+2068 ... PDI U+2069) lays its text out on
// its own, taking its direction from its first strong letter, and is one neutral unit to the line.
//
// Never used on article quotes: those are shown byte for byte (see toPayload).
import { detectLanguage } from '../text/arabic.ts';

export const FSI = '\u2068';
export const PDI = '\u2069';

const RTL_SCRIPTS = '\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Syriac}\\p{Script=Thaana}';
// Letters of a left-to-right script: letters that are not of a right-to-left one.
const LTR_LETTER = `[^\\P{L}${RTL_SCRIPTS}]`;
// Arabic punctuation (، ؛ ؟) belongs to its script's run even though its script is Common.
const RTL_CHAR = `[${RTL_SCRIPTS}\\u060C\\u061B\\u061F]`;

// A run starts at a letter (an @ or # of a mention belongs to the name after it, even when a
// zero-width space breaks the mention), may span spaces, digits and punctuation, and ends at the last
// letter or digit before the other script starts again, so trailing neutrals keep the line's direction.
const LTR_RUN = new RegExp(`(?:[@#]\\u200b?)?${LTR_LETTER}(?:[^${RTL_SCRIPTS}\\n]*(?:${LTR_LETTER}|\\p{N}))?`, 'gu');
const RTL_RUN = new RegExp(`${RTL_CHAR}(?:[^\\n]*?(?=${LTR_LETTER}|\\n|$))?`, 'gu');

/** Wraps text in FSI … PDI: laid out on its own, in the direction of its first strong letter. */
export function isolate(text: string): string {
  return text ? `${FSI}${text}${PDI}` : text;
}

/** Isolates each run of the other direction inside text written mainly in `language`. */
export function isolateForeignRuns(text: string, language = detectLanguage(text)): string {
  if (language === 'ar') return text.replace(LTR_RUN, isolate);
  return text.replace(RTL_RUN, (run) => {
    // the lazy match stops before the next Latin letter; give back trailing spaces and neutrals
    const end = lastIndexOfStrongRtlOrDigit(run);
    return `${isolate(run.slice(0, end))}${run.slice(end)}`;
  });
}

function lastIndexOfStrongRtlOrDigit(run: string): number {
  const chars = Array.from(run);
  const rtlOrDigit = new RegExp(`${RTL_CHAR}|\\p{N}`, 'u');
  let length = run.length;
  for (let i = chars.length - 1; i >= 0 && !rtlOrDigit.test(chars[i]!); i--) length -= chars[i]!.length;
  return length;
}

/**
 * Text from a person, a model or the article's title placed after a label: the whole of it isolated
 * from the label, and the other script inside it isolated too. Nested isolates are skipped when the
 * outer one picks its direction, so an Arabic question that starts with "@everyone" stays Arabic.
 */
export function isolateEmbedded(text: string): string {
  return isolate(isolateForeignRuns(text));
}
