// Questions about the article as a whole ("what is this article about?", «ما موضوع المقال؟», «شو بيحكي
// المقال؟», "summarise it") are answered with a short cited overview, never "not in the article": no one
// sentence answers them, so retrieval cannot. A question is read as one when it has an overview word and
// nothing else but words about the article, question words and fillers; anything more is a real question.
// Measured on bench/dialogues.json (npm run eval:conversation).
import { normaliseArabic, tokenise } from '../text/arabic.ts';

const norm = (words: string): string[] => words.split(/\s+/).filter(Boolean).map(normaliseArabic);

/** Words that on their own ask for the whole: a summary, the main idea, the topic. */
const OVERVIEW_WORDS = new Set([
  ...'summary summarise summarize summarised summarized summarising summarizing summ overview gist tldr tl dr recap synopsis rundown takeaway takeaways digest nutshell'.split(' '),
  ...norm(
    'ملخص ملخصا ملخصاً لخص لخصي لخصلي لخصلنا لخصها لخصه تلخيص تلخيصا خلاصة خلاصه الخلاصة موضوع الموضوع موضوعه موضوعها فحوى فحوي مضمون مضمونه محتوى محتوي مختصر باختصار اختصار اختصر اختصرلي الفكرة فكرة فكرته الرئيسية الرئيسيه الأساسية الاساسية العامة العام',
  ),
]);
/** Pairs that ask for the whole only together: "main idea", "key points", "what ... about". */
const MAIN_WORDS = new Set(['main', 'key', 'central', 'general', 'overall', 'basic', 'big']);
const IDEA_WORDS = new Set(['idea', 'ideas', 'point', 'points', 'message', 'theme', 'themes', 'topic', 'topics', 'subject', 'picture', 'story']);
const ARTICLE_WORDS = new Set([
  ...'article articles piece story text news report item post page it this'.split(' '),
  ...norm('المقال المقاله مقال مقاله المقالة النص نص الخبر خبر التقرير تقرير القصة القصه قصة قصته قصتها الموضوع هذا هذه ده دي هاد هاي هيدا المكتوب المنشور للمقال للمقاله بالمقال للنص للخبر للتقرير'),
]);
const ABOUT_WORDS = new Set([
  ...'about say says saying said talk talks talking discuss discusses discussing cover covers covering describe describes deal deals tell telling mean means explain'.split(' '),
  ...norm('عن يتحدث يتكلم يحكي بيحكي بيتكلم بتحكي يتناول تتناول يقول بيقول تقول يناقش يدور يشرح يعني يخص بخصوص حول تحكي تتحدث تتكلم'),
]);
/** Everything else such a question may hold without asking about something in particular. */
const FILLER = new Set([
  ...'what whats what\'s s is was are the a an of me us please can could you would give tell in short brief briefly quick quickly do does did so and ok okay hey just really all main key generally mostly basically overall whole entire for i want to know need like on one two three few sentences sentence lines line words up sum read points point be will summary here there that thing things going am we mainly exactly again'.split(' '),
  ...norm(
    'ما ماذا شو ايش إيش وش شنو ايه إيه هو هي في من ممكن لو سمحت رجاء أرجو ارجو أعطني اعطني عطني اعطيني أعطيني هات قل قولي قلي احكيلي احكي اخبرني أخبرني ابغى ابي بدي عايز عاوز أريد اريد اعرف أعرف نعرف يا طيب و ف ب ل ال على علي الى إلى كل بشكل عام عامه باختصار بإيجاز بسرعه بسرعة سريع سريعا جمله جملة جمل سطر سطرين كلمات شي شيء اشي حاجه الكاتب الكاتبه اهم أهم ما ورد يرد جاء وارد فيه فيها هنا الذي التي اللي شوي شويه لنا لي لينا ياه اياه إياه معنى عنه عنها بيه بها به كده هيك يعني اذن إذن قصير قصيره مختصره مختصرة عامة عن',
  ),
]);

/** True when the question asks about the whole article rather than something in it. */
export function asksForOverview(question: string): boolean {
  const tokens = tokenise(question.slice(0, 300)).map(stripConjunction);
  if (tokens.length === 0 || tokens.length > 14) return false;
  const known = (t: string) => OVERVIEW_WORDS.has(t) || MAIN_WORDS.has(t) || IDEA_WORDS.has(t) || ARTICLE_WORDS.has(t) || ABOUT_WORDS.has(t) || FILLER.has(t);
  if (!tokens.every(known)) return false;
  const has = (set: Set<string>) => tokens.some((t) => set.has(t));
  const namesArticle = tokens.some((t) => ARTICLE_WORDS.has(t) && !['it', 'this', normaliseArabic('هذا'), normaliseArabic('هذه')].includes(t));
  if (has(OVERVIEW_WORDS)) return true;
  if (has(MAIN_WORDS) && has(IDEA_WORDS)) return true;
  // "what is it about?", "what does the article say?", «عن ماذا يتحدث المقال؟», «المقال عن شو؟»
  if (has(ABOUT_WORDS) && (namesArticle || tokens.some((t) => t === 'it' || t === 'this'))) return true;
  // "tell me about this piece", "what's the story?"
  return namesArticle && has(IDEA_WORDS);
}

function stripConjunction(token: string): string {
  if (!/^[وف][\u0621-\u064a]{2,}$/u.test(token)) return token;
  const rest = token.slice(1);
  const all = [OVERVIEW_WORDS, ARTICLE_WORDS, ABOUT_WORDS, FILLER];
  return all.some((s) => s.has(token)) || !all.some((s) => s.has(rest)) ? token : rest;
}
