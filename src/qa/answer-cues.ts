// What a sentence offers to the kind of question asked: a date or time for "when", a role or title for "who",
// a place word for "where", a cause for "why"; and whether it speaks of the future, as "will visit" does and
// "invited to visit" does not. Small word lists in normalised form, for matching only; the ranking learns how
// much each is worth (src/eval/fit-weights.ts), so none of them decides an answer alone.
import type { ArticleIndex } from '../index/article-index.ts';
import { tokenise } from '../text/arabic.ts';
import type { Query, QuestionKind } from './query.ts';

/** Words that answer a kind of question, normalised (ة -> ه, ى -> ي, alef folded). */
const CUE_WORDS: Partial<Record<QuestionKind, Set<string>>> = {
  when: words(`يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار نيسان
    ايار حزيران تموز ايلول تشرين السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه عام عاما اعوام سنه سنوات
    قرن القرن يوم يوما ايام اسبوع اسابيع شهر اشهر شهور صباح مساء ليله فجر منتصف اواخر اوائل مطلع الماضي الماضيه
    المقبل المقبله القادم القادمه غدا امس منذ عندما حين حينما لاحقا مؤخرا حاليا فتره عقد ميلادي هجري`),
  who: words(`الرئيس رئيس رئيسه الوزير وزير وزيره الملك ملك الملكه الامير امير الاميره السلطان الخليفه الامبراطور
    السيد السيده الشيخ الدكتور العالم العلماء الكاتب المؤلف الشاعر الفيلسوف المهندس الطبيب اللاعب المدرب القائد
    الجنرال الزعيم المتحدث مدير المدير مؤسس المؤسس الباحث المخرج الممثل المغني الفنان الرسام البابا الاسقف
    الامام ابن بن ابو ابي السفير النائب الحاكم المحافظ الاستاذ البروفيسور قال اعلن صرح اكد`),
  where: words(`مدينه المدينه عاصمه العاصمه منطقه المنطقه ولايه الولايه دوله الدوله بلد البلاد جزيره الجزيره قريه
    اقليم الاقليم مقاطعه محافظه ساحل الساحل شمال الشمال جنوب الجنوب شرق الشرق غرب الغرب وسط قاره القاره
    مقر المقر موقع الموقع بالقرب قرب داخل خارج ميناء مطار حي`),
  why: words(`بسبب سبب اسباب لان لانه لانها نظرا بفضل لكي كي بهدف هدف نتيجه اثر جراء يعود ادي ادت بغيه لاجل اجل
    بدافع دافع ذريعه لذلك ولذلك فلذلك بالتالي مما يؤدي تسبب`),
};

/** Future markers in a sentence or question: سوف, a time still to come, or what is planned or expected. */
const FUTURE_WORDS = words(`سوف سيتم ستتم المقبل المقبله القادم القادمه المقبلين غدا لاحقا المرتقب المرتقبه المزمع
  المقرر المتوقع يعتزم تعتزم ينوي تنوي will shall tomorrow upcoming`);
/**
 * س before an imperfect verb marks the future ("سيزور", "ستعقد"); these common nouns and names also begin so and
 * are not verbs.
 */
const NOT_FUTURE_VERBS = words(`سياسه سياسي سياسيه سياسات سياسيين سياسيون سيارة سياره سيارات سيطره سيد سيده سيدات سيادة سياده
  سياق سياحه سياحي سينما سيناريو سيول سيف سيناء ستار ستالين سنه سنوات سنوي سنويا سنين سته ستين ستون سيتي
  سيبيريا سيدني سنغافوره ستوكهولم سيريلانكا سيول سيمفونيه سيرك سيره سيلان سنتيمتر سنت`);
const FUTURE_VERB = /^(و|ف)?س[يتنا][\u0621-\u064A]{2,}$/;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/** A 4-digit year or a number glued to م/هـ ("1990م"): a date. */
const YEAR = /^(1[0-9]{3}|20[0-9]{2})(م|ه)?$/;

export interface SentenceCues {
  /** Normalised tokens of the sentence without a leading و or ف. */
  forms: Set<string>;
  /** For each kind, the sentence's cue words for it (a "when" cue list also holds its years). */
  cues: Partial<Record<QuestionKind, string[]>>;
  future: boolean;
}

/** Whether a normalised token marks the future. */
export function marksFuture(token: string): boolean {
  const bare = token.replace(/^(و|ف)(?=..)/, '');
  if (FUTURE_WORDS.has(token) || FUTURE_WORDS.has(bare)) return true;
  return FUTURE_VERB.test(token) && !NOT_FUTURE_VERBS.has(bare) && !NOT_FUTURE_VERBS.has(bare.replace(/^ال/, ''));
}

/** Whether the question asks about what is still to come ("will visit", "سيزور", "متى ستعقد"). */
export function asksAboutFuture(query: Query): boolean {
  return query.allTokens.some(marksFuture) || /\b(going to|is to|are to)\b/i.test(query.text);
}

export function cuesOf(text: string): SentenceCues {
  const tokens = tokenise(text);
  const forms = new Set(tokens.map(bareForm));
  const cues: Partial<Record<QuestionKind, string[]>> = {};
  for (const [kind, list] of Object.entries(CUE_WORDS) as [QuestionKind, Set<string>][]) {
    const found = tokens.filter((t) => list.has(t) || list.has(bareForm(t)) || (kind === 'when' && YEAR.test(t)));
    if (found.length > 0) cues[kind] = found;
  }
  return { forms, cues, future: tokens.some(marksFuture) };
}

/** A token without the conjunction glued in front ("وسيزور" -> "سيزور"), so that forms compare. */
export function bareForm(token: string): string {
  return token.length > 3 ? token.replace(/^(و|ف)/, '') : token;
}

const cache = new WeakMap<ArticleIndex, SentenceCues[]>();

/** The cues of every sentence of an index, computed on first use. */
export function articleCues(index: ArticleIndex): SentenceCues[] {
  let cues = cache.get(index);
  if (!cues) cache.set(index, (cues = index.article.sentences.map((s) => cuesOf(s.text))));
  return cues;
}

/** 1 when the sentence holds a cue of the asked kind that the question itself does not use. */
export function answerTypeValue(query: Query, cues: SentenceCues): number {
  const found = cues.cues[query.kind];
  if (!found) return 0;
  const asked = new Set(query.allTokens.map(bareForm));
  return found.some((t) => !asked.has(bareForm(t))) ? 1 : 0;
}

/** 1 when question and sentence both speak of the future; 0 otherwise. */
export function tenseValue(questionFuture: boolean, cues: SentenceCues): number {
  return questionFuture && cues.future ? 1 : 0;
}

/**
 * Weighted share of the question's words found in the sentence in the very same form, not only the same stem:
 * "سيزور" meets "سيزور" but not "لزيارة", so the asked event in the asked tense counts more than a word of its
 * family. `weights` holds each content token's weight (its stem's rarity in the article).
 */
export function sameFormsValue(tokens: readonly string[], weights: readonly number[], cues: SentenceCues): number {
  let found = 0;
  let total = 0;
  tokens.forEach((token, i) => {
    const weight = weights[i] ?? 0;
    total += weight;
    if (cues.forms.has(bareForm(token))) found += weight;
  });
  return total === 0 ? 0 : found / total;
}
