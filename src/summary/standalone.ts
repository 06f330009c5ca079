// Sentences that cannot stand alone: they open with a pronoun, a demonstrative or a connective that
// points back to what came before ("كما", "وأضاف", "لكن"). In a summary they need their predecessor.
import { tokenise } from '../text/arabic.ts';

// Normalised forms (alef, ya and ta marbuta folded), as tokenise() returns them.
const BACK_POINTING_OPENERS = new Set(
  tokenise(`
    هو هي هم هما هن وهو وهي وهم وهما وهن انه انها انهم وانه وانها
    هذا هذه ذلك تلك هؤلاء وهذا وهذه وذلك وتلك
    كما وكما كذلك وكذلك ايضا لكن ولكن لكنه لكنها ولكنه ولكنها بيد غير
    وأضاف وأضافت واضاف واضافت وتابع وتابعت واستطرد واستطردت واختتم واختتمت
    لذلك ولذلك لذا ولذا وبالتالي وعليه ومع
  `),
);
// Two-word openers whose first word is harmless alone ("غير أن", "ومع ذلك").
const BACK_POINTING_PAIRS = new Set(['غير ان', 'بيد ان', 'مع ذلك', 'ومع ذلك', 'الا ان']);
const FIRST_WORD_NEEDS_PAIR = new Set(['غير', 'بيد', 'ومع', 'مع', 'الا']);

/** True when the sentence's first word points back to an earlier sentence. */
export function dependsOnPrevious(sentenceText: string): boolean {
  const [first, second] = tokenise(sentenceText.slice(0, 80));
  if (first === undefined) return false;
  if (FIRST_WORD_NEEDS_PAIR.has(first)) return second !== undefined && BACK_POINTING_PAIRS.has(`${first} ${second}`);
  return BACK_POINTING_OPENERS.has(first);
}
