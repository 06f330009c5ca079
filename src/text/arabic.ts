// Arabic-aware text matching: normalisation, tokenisation, stopwords and a light stemmer.
// Everything here is for matching only; quotes shown to people always come from the raw article text.

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ and rarer hamza-carrying alefs
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Folds spelling variants so that unvoweled, differently-hamzated or dialect spellings still match. */
export function normaliseArabic(text: string): string {
  return text
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(/\u0649/g, '\u064A') // ى -> ي
    .replace(/\u0629/g, '\u0647') // ة -> ه
    .replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) & 0x0f) % 10))
    .toLowerCase();
}

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Normalised word tokens (letters and digits), in order. */
export function tokenise(text: string): string[] {
  return normaliseArabic(text).match(TOKEN) ?? [];
}

const ARABIC_LETTER = /[\u0621-\u064A]/;
export function isArabicWord(token: string): boolean {
  return ARABIC_LETTER.test(token);
}

/** Share of letters that are Arabic: decides the language of framing text (questions, answers). */
export function arabicShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  const arabic = letters.filter((ch) => ARABIC_LETTER.test(ch)).length;
  return arabic / letters.length;
}

export type Language = 'ar' | 'en';
/** Arabic when most letters are Arabic; English otherwise (the product answers in one of the two). */
export function detectLanguage(text: string): Language {
  return arabicShare(text) >= 0.5 ? 'ar' : 'en';
}

// Stopwords in normalised form (alef, ya and ta marbuta already folded).
const ARABIC_STOPWORDS_RAW = `
من الي إلى علي على عن في مع او أو ثم ان إن أن كان كانت يكون تكون كانوا هذا هذه ذلك تلك هؤلاء هناك هنا
الذي التي الذين اللذين اللتين اللواتي اللاتي ما ماذا متى اين أين كيف كم هل لماذا لما لم لن لا قد لقد كل بعض
غير بين عند عندما حتى اذا إذا لو ليس ليست وهو وهي هو هي هم هن انا أنا نحن انت أنت انتم أنتم هما
و ف ب ل ك ال يا اي أي ايضا أيضا منذ خلال بعد قبل حول دون ضد لدي لدى لكن لكنه بل او أما اما الا إلا
فيه فيها فيهم منه منها منهم عليه عليها عليهم له لها لهم به بها بهم اليه إليه اليها إليها عنه عنها
كما مثل وقد وقال قال وقالت قالت وكان وكانت ومن وفي وعلى والى وإلى وان وأن وإن وما ولا ولم
تم يتم حيث اي أي التى الى فى بان بأن لان لأن كذلك الان الآن جدا ذو ذات عدد
شو وين ليش ايش إيش امتى إمتى مين منو شنو كيفاش علاش فين اش
اللي يلي هاي هاد هادا هيك هلق مش مو بدي بدك رح عشان علشان ده دي دا كده كدا ازاي إزاي ايه إيه ليه وش شلون منين لسه برضو برضه يعني بس كمان
`;
const ENGLISH_STOPWORDS_RAW = `
a an the of to in on at by for with from and or but not no is are was were be been being am do does did
what which who whom whose when where why how that this these those it its as into than then there here
about after before over under did has have had will would can could should may might shall i you he she
we they me him her us them my your his our their any some all each such so if also just tell please
`;

const STOPWORDS = new Set(
  `${ARABIC_STOPWORDS_RAW} ${ENGLISH_STOPWORDS_RAW}`.split(/\s+/).filter(Boolean).map(normaliseArabic),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

// Light stemming in the spirit of Larkey's light10: strip one clitic prefix and one suffix,
// never leaving fewer than three letters, so that "والصين", "بالصين" and "الصين" meet at "صين".
const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل', 'ك'];
const SUFFIXES = ['هما', 'كما', 'ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'يه', 'هم', 'هن', 'كم', 'نا', 'ه', 'ي'];
const MIN_STEM = 3;

export function lightStem(token: string): string {
  if (!isArabicWord(token)) return stemLatin(token);
  let word = token;
  for (const prefix of PREFIXES) {
    // single-letter prefixes only come off longer words: "وزير" must stay "وزير"
    const minRest = prefix.length === 1 ? MIN_STEM + 1 : MIN_STEM;
    if (word.startsWith(prefix) && word.length - prefix.length >= minRest) {
      word = word.slice(prefix.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      word = word.slice(0, -suffix.length);
      break;
    }
  }
  return word;
}

/** A very small English suffix stripper, enough for English questions to meet Latin names and numbers. */
function stemLatin(token: string): string {
  if (token.length <= 4 || /\d/.test(token)) return token;
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (token.endsWith(suffix) && token.length - suffix.length >= 3) return token.slice(0, -suffix.length);
  }
  return token;
}

/** Content terms for matching: normalised, stopwords removed, light-stemmed. */
export function contentTerms(text: string): string[] {
  return tokenise(text)
    .filter((t) => !isStopword(t))
    .map(lightStem);
}
