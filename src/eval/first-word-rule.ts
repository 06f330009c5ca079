// The rule the bot used before the fitted small-talk decision, kept as the baseline row of
// `npm run eval:chatter`: a question mark anywhere, or a question word or request as the first word.
const ARABIC_QUESTION_WORDS = [
  'متى', 'متي', 'امتى', 'امتي', 'أين', 'اين', 'وين', 'فين', 'كيف', 'كيفية', 'ازاي', 'إزاي', 'شلون', 'لماذا', 'لماذ', 'ليش', 'ليه',
  'ماذا', 'ماهو', 'ماهي', 'مين', 'منو', 'هل', 'كم', 'أي', 'اي', 'أيّ', 'شو', 'ايش', 'إيش', 'وش', 'لمن', 'بماذا', 'أليس', 'اليس',
];
// Not here on purpose: ما and من (also "not" and "from": "ما شاء الله", "من زمان"), لم, and English have/has/had
// ("have a nice day"). Questions starting with them are still answered when they carry a question mark.
const ARABIC_REQUESTS = ['اشرح', 'اشرحي', 'وضح', 'وضّح', 'فسر', 'فسّر', 'اذكر', 'لخص', 'لخّص', 'قل', 'قولي', 'أعطني', 'اعطني', 'عطني', 'أخبرني', 'اخبرني', 'احك', 'احكي', 'ممكن', 'هات'];
const ENGLISH_QUESTION_WORDS = [
  'who', 'whom', 'whose', 'what', 'whats', "what's", 'when', 'where', 'why', 'how', 'which',
  'is', 'are', 'was', 'were', 'does', 'do', 'did', 'can', 'could', 'will', 'would', 'should',
];
const ENGLISH_REQUESTS = ['explain', 'tell', 'show', 'summarise', 'summarize', 'list', 'describe', 'give', 'quote', 'source'];

const QUESTION_STARTS = new Set([...ARABIC_QUESTION_WORDS, ...ARABIC_REQUESTS, ...ENGLISH_QUESTION_WORDS, ...ENGLISH_REQUESTS]);

/** The first word, lower case, without a leading و/ف ("ومتى" -> "متى") or trailing punctuation. */
function firstWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/gu, '')
    .split(/[\s,،.!:;؛]+/u)
    .filter(Boolean);
  const first = words[0] ?? '';
  const bare = /^[وف][\u0621-\u064A]{2,}$/u.test(first) ? first.slice(1) : first;
  return [first, bare];
}

/** The earlier rule: answered when it carries a question mark or its first word asks or requests. */
export function firstWordRule(text: string): boolean {
  const trimmed = text.trim();
  // Letters or digits are needed: "??", "؟!" or an emoji alone is a reaction, not a question.
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return false;
  if (/[?؟]/u.test(trimmed)) return true;
  return firstWords(trimmed).some((word) => QUESTION_STARTS.has(word));
}
