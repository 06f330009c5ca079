// Cross-script keys for names: "Newton" and "نيوتن", "Broncos" and "البرونكوس" share a consonant skeleton once
// both scripts are folded into the same rough sound classes. Only English question words use it to reach
// Arabic text (and Arabic text's Latin words): names and loanwords are what the two can share.
import { isArabicWord } from './arabic.ts';

// Arabic letters (normalised) to sound classes; long vowels, hamza carriers and ع carry no consonant.
const ARABIC_CLASSES: Record<string, string> = {
  ب: 'B', پ: 'B', ف: 'F', ڤ: 'F', ت: 'T', ط: 'T', ث: 'T', د: 'D', ض: 'D', ذ: 'D', ج: 'J', غ: 'J', ك: 'K', ق: 'K', خ: 'K',
  س: 'S', ص: 'S', ز: 'S', ش: 'X', ه: 'H', ح: 'H', ل: 'L', م: 'M', ن: 'N', ر: 'R',
};

// Latin digraphs first, then single letters; vowels, w, y and h between vowels carry no consonant here.
const LATIN_RULES: [RegExp, string][] = [
  [/ph/g, 'F'],
  [/th/g, 'T'],
  [/(sh|ch)/g, 'X'],
  [/kh/g, 'K'],
  [/ck/g, 'K'],
  [/x/g, 'KS'],
  [/c(?=[eiy])/g, 'S'],
  [/[cqk]/g, 'K'],
  [/[bp]/g, 'B'],
  [/[fv]/g, 'F'],
  [/t/g, 'T'],
  [/d/g, 'D'],
  [/[gj]/g, 'J'],
  [/[sz]/g, 'S'],
  [/l/g, 'L'],
  [/m/g, 'M'],
  [/n/g, 'N'],
  [/r/g, 'R'],
  [/h/g, 'H'],
];

/** Skeletons shorter than this collide too often to mean anything... */
const MIN_KEY = 3;
/**
 * ...except for words of four letters or more that are spelt like transliterated names: a Latin name ("Wang",
 * "NATO") and an Arabic word written with long vowels ("وانغ", "الناتو") may then share a two-consonant key.
 */
const SHORT_KEY = 2;
const MIN_SHORT_KEY_LETTERS = 4;
const ARABIC_LONG_VOWEL = /[اوي]/;

export function latinKey(word: string): string | undefined {
  let w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w)) return undefined;
  for (const [pattern, replacement] of LATIN_RULES) w = w.replace(pattern, replacement);
  return finish(w.replace(/[a-z]/g, ''), word.length >= MIN_SHORT_KEY_LETTERS ? SHORT_KEY : MIN_KEY);
}

export function arabicKey(word: string): string | undefined {
  let key = '';
  for (const ch of word) key += ARABIC_CLASSES[ch] ?? '';
  const nameLike = word.length >= MIN_SHORT_KEY_LETTERS && ARABIC_LONG_VOWEL.test(word);
  return finish(key, nameLike ? SHORT_KEY : MIN_KEY);
}

// Doubled letters are written once in Arabic ("Tennessee", "تينيسي"); a final H is mostly a vowel sound.
function finish(key: string, minimum: number): string | undefined {
  const folded = key.replace(/(.)\1+/g, '$1').replace(/H$/, '');
  return folded.length >= minimum ? folded : undefined;
}

const ARABIC_CLITICS = /^(و|ف)?(ب|ل|ك)?(ال)?/;

/** Keys a text token offers: Arabic words with and without their clitics ("بانثرز" may be a name). */
export function documentKeys(token: string): string[] {
  if (!isArabicWord(token)) {
    const key = latinKey(token);
    return key ? [key] : [];
  }
  const keys = new Set<string>();
  for (const form of [token, token.replace(ARABIC_CLITICS, ''), token.replace(/^ال/, '')]) {
    const key = arabicKey(form);
    if (key) keys.add(key);
  }
  return [...keys];
}

/** Keys a question token offers: only Latin words reach across scripts. */
export function questionKey(token: string): string | undefined {
  return isArabicWord(token) ? undefined : latinKey(token);
}
