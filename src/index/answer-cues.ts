// What kind of answer a sentence could give: the numbers and dates it states, and whether it leans on the
// sentence before it ("وهو ...", "He ...") for its subject. Soft cues for ranking, never filters.
import { tokenise } from '../text/arabic.ts';
import { NUMBER_WORDS, MONTH_WORDS } from './numbers.ts';

export interface AnswerCues {
  /** Normalised numbers the sentence states: digit strings and number words without clitics. */
  numbers: string[];
  /** A year, a month name or a full date. */
  hasDate: boolean;
  /** Opens with a pronoun or a bare continuation, so its subject is named in the previous sentence. */
  anaphoric: boolean;
}

const CLITIC = /^(و|ف|ب|ل|ك)?(ال)?/;
const YEAR = /^(1[0-9]{3}|20[0-9]{2})$/;
// Normalised openings that refer back: pronouns, demonstratives, "and he/it was".
const ANAPHORIC_OPENINGS = new Set([
  'هو', 'هي', 'وهو', 'وهي', 'هم', 'وهم', 'كما', 'وكان', 'وكانت', 'كان', 'كانت', 'لكنه', 'لكنها', 'ولكنه', 'ولكنها',
  'انه', 'انها', 'وانه', 'وقد', 'ثم', 'هذا', 'هذه', 'وهذا', 'وهذه', 'ذلك', 'وذلك', 'ويعد', 'وتعد', 'يعد', 'تعد',
  'he', 'she', 'it', 'they', 'this', 'these', 'its', 'his', 'her', 'their',
]);

export function answerCues(text: string): AnswerCues {
  const tokens = tokenise(text);
  const numbers: string[] = [];
  let hasDate = false;
  for (const token of tokens) {
    for (const digits of token.match(/\d+/g) ?? []) {
      numbers.push(digits);
      if (YEAR.test(digits)) hasDate = true;
    }
    const bare = token.replace(CLITIC, '');
    if (NUMBER_WORDS.has(token) || NUMBER_WORDS.has(bare)) numbers.push(NUMBER_WORDS.has(bare) ? bare : token);
    if (MONTH_WORDS.has(token) || MONTH_WORDS.has(bare)) hasDate = true;
  }
  return { numbers, hasDate, anaphoric: ANAPHORIC_OPENINGS.has(tokens[0] ?? '') };
}
