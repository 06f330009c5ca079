// Everything the product says to people, in both languages, in one table. The Arabic side must have the
// same keys and shapes as the English (the compiler checks), and no other module holds bilingual text.
// Who decides the language: the question's (qa/question.ts), a summary's topic or else the article
// (summary/summarise.ts), a claimed quote's (verify).
import type { Language } from './text/arabic.ts';

const en = {
  // answers
  emptyQuestion: 'The question is empty: please ask something about the article.',
  noTerms: 'The question has no words that can be searched for in the article; please rephrase it.',
  notInArticle: 'This is not in the article: the article does not answer this question.',
  nothingNew: 'The article says nothing more about this than the quotes above.',
  answerLead: (ids: readonly string[]) => `Here is what the article says (${ids.length === 1 ? 'sentence' : 'sentences'} ${ids.join(', ')}):`,
  notInLibrary: 'None of the library\'s articles answers this question.',
  articleRemovedHere: 'The article this thread is about was removed from the library; it is not quoted any more. Ask in the channel to use the library\'s other articles.',
  wholeLibrary: (n: number) => `The whole library (${n} ${n === 1 ? 'article' : 'articles'} asked)`,
  libraryLead: (ids: readonly string[]) => `Here is what the library's articles say (${ids.join(', ')}):`,
  question: 'Question',
  readingAs: 'Reading this as',
  overviewLead: (ids: readonly string[]) => `What the article is about, in its own words (${ids.length === 1 ? 'sentence' : 'sentences'} ${ids.join(', ')}):`,
  besideLead: (direction: 'next' | 'before', id: string) => `${direction === 'next' ? 'What the article says next' : 'What the article says just before'} (sentence ${id}):`,
  besideEdge: (direction: 'next' | 'before'): string => (direction === 'next' ? 'The article ends there: nothing comes after the quotes above.' : 'Nothing comes before the quotes above: the article starts there.'),
  notFound: 'The article does not say anything that answers this question.',
  shortened: 'The question was very long, so only its beginning was answered.',
  typedNothing: 'That question is empty. Ask something about the article, e.g. "What happened, and when?"',
  mentionHelp: (bot: string) =>
    `Ask me about the article and I answer with its exact sentences. For example: \u2068${bot} When did it happen?\u2069 · \u2068${bot} What is this article about?\u2069 · \u2068/summary\u2069`,
  // sources
  sourcesInThread: 'In the thread below: each quoted sentence in its place in the article, with the sentences around it.',
  place: (paragraph: number, paragraphs: number, sentence: number) => `paragraph ${paragraph} of ${paragraphs}, sentence ${sentence}`,
  // summaries
  summary: 'Summary of the article',
  summaryThread: (topic?: string): string => (topic ? `Summary: ${topic}` : 'Summary'),
  nothingAbout: (topic: string) => `The article says nothing about "${topic}".`,
  // votes and notices
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  voteNoted: (emoji: string) => `Thanks for the ${emoji}!`,
  voteAlreadyNoted: (emoji: string) => `Your ${emoji} was already noted, thank you.`,
  voteChanged: (emoji: string) => `Vote changed to ${emoji}, thank you.`,
  buttonGone: 'This button is no longer in use.',
  answerGone: 'I do not know this answer (any more), so the vote was not kept.',
  rateLimited: (seconds: number) => `Easy there 🙂 you have reached your limit of questions per minute. Please try again in ${seconds} s.`,
  channelBusy: (seconds: number) => `This channel has reached its limit of questions per minute (you have not reached yours). Please try again in ${seconds} s.`,
  clicksLimited: (seconds: number) => `Easy there 🙂 you have reached your limit of button presses per minute. Please try again in ${seconds} s.`,
  failure: 'Something went wrong while answering. Please try again in a moment.',
  // checking a quote
  checked: 'Checked',
  exact: '✅ **In the article, word for word**',
  occurrences: (n: number) => `It occurs ${n} times in the article; this is the first.`,
  // the command isolated (U+2068 … U+2069): in an Arabic line its "/" would otherwise jump to its end
  inContext: (id: string) => `Read it in context: \u2068\`/source id:${id}\`\u2069`,
  close: '⚠️ **Close, but not what the article says**',
  nameInOtherScript: '⚠️ **A name in another script**: the article writes it',
  articleSays: "The article's exact words",
  notInArticleQuote: '❌ **Not in the article**: nothing in it is close to this text.',
  nearest: 'The nearest sentence in the article, which is **not** a match:',
  otherLanguage: (article: Language): string =>
    article === 'ar' ? 'I can only check Arabic quotes against this Arabic article.' : 'I can only check English quotes against this English article.',
  nothingToCheck: 'There is no text to check. Paste the quote after `/verify text:`.',
  tooLongToCheck: (chars: number, words: number) => `That is too long to be a quote: at most ${chars.toLocaleString('en')} characters or ${words} words.`,
  moreDifferences: (n: number) => `and ${n} more differences.`,
  /** «A» is the article's text, «C» the claim's. */
  differences: {
    number: { changed: 'A number differs: the article says «A», the quote says «C».', dropped: 'A number is missing: the article says «A».', added: 'A number was added: «C» is not in the article.' },
    negation: { changed: 'The negation differs: the article says «A», the quote says «C».', dropped: 'A negation was dropped: the article says «A».', added: 'A negation was added: «C» is not in the article, and it turns the meaning around.' },
    name: { changed: 'A name differs: the article says «A», the quote says «C».', dropped: 'A name is missing: «A».', added: 'A name was added: «C».' },
    word: { changed: 'Different words: the article says «A», the quote says «C».', dropped: 'Left out: «A».', added: 'Added: «C».' },
  },
};

export type Strings = typeof en;

const ar: Strings = {
  emptyQuestion: 'السؤال فارغ: اكتب سؤالاً عن المقال.',
  noTerms: 'لم أجد في السؤال كلمات يمكن البحث عنها في المقال؛ جرّب صياغة أوضح.',
  notInArticle: 'هذا ليس في المقال: لم أجد في المقال ما يجيب عن هذا السؤال.',
  nothingNew: 'لا يقول المقال عن هذا أكثر مما في الاقتباسات أعلاه.',
  answerLead: (ids) => `يقول المقال ما يلي (${ids.length === 1 ? 'الجملة' : 'الجمل'} ${ids.join('، ')}):`,
  notInLibrary: 'لا يجيب أي مقال في المكتبة عن هذا السؤال.',
  articleRemovedHere: 'حُذف المقال الذي تدور حوله هذه السلسلة من المكتبة، فلم يعد يُقتبس منه. اسأل في القناة لتستعمل مقالات المكتبة الأخرى.',
  wholeLibrary: (n) => `المكتبة كلها (سُئلت ${n} ${n === 1 ? 'مقالة' : 'مقالات'})`,
  libraryLead: (ids) => `تقول مقالات المكتبة ما يلي (${ids.join('، ')}):`,
  question: 'السؤال',
  readingAs: 'فهمت السؤال هكذا',
  overviewLead: (ids) => `عمّ يتحدث المقال، بكلماته (${ids.length === 1 ? 'الجملة' : 'الجمل'} ${ids.join('، ')}):`,
  besideLead: (direction, id) => `${direction === 'next' ? 'ما يقوله المقال بعد ذلك' : 'ما يقوله المقال قبل ذلك'} (الجملة ${id}):`,
  besideEdge: (direction) => (direction === 'next' ? 'ينتهي المقال هنا: لا شيء بعد الاقتباسات أعلاه.' : 'لا شيء قبل الاقتباسات أعلاه: يبدأ المقال هنا.'),
  notFound: 'لم أجد في المقال ما يجيب عن هذا السؤال.',
  shortened: 'السؤال طويل جدا، فأجبت عن أول جزء منه.',
  typedNothing: 'لم تكتب سؤالا. اكتب سؤالك عن المقال، مثلا: ماذا حدث، ومتى؟',
  mentionHelp: (bot) =>
    `اسألني عن المقال وسأجيب بجمله كما وردت. مثلاً: \u2068${bot} متى حدث ذلك؟\u2069 · \u2068${bot} ما موضوع المقال؟\u2069 · \u2068/summary\u2069`,
  sourcesInThread: 'في السلسلة أدناه: كل جملة مقتبسة في مكانها من المقال، مع ما قبلها وما بعدها.',
  place: (paragraph, paragraphs, sentence) => `الفقرة ${paragraph} من ${paragraphs}، الجملة ${sentence}`,
  summary: 'ملخص المقال',
  summaryThread: (topic) => (topic ? `ملخص: ${topic}` : 'ملخص المقال'),
  nothingAbout: (topic) => `لا يتناول المقال موضوع «${topic}».`,
  helpful: 'مفيد',
  notHelpful: 'غير مفيد',
  voteNoted: () => 'شكرا على رأيك!',
  voteAlreadyNoted: () => 'شكرا، صوتك مسجل.',
  voteChanged: () => 'شكرا، تم تعديل صوتك.',
  buttonGone: 'هذا الزر لم يعد يعمل.',
  answerGone: 'لا أعرف هذه الإجابة، فلم يُحفظ التصويت.',
  rateLimited: (seconds) => `على مهلك 🙂 وصلت إلى حد أسئلتك في الدقيقة. حاول مرة أخرى بعد ${seconds} ثانية.`,
  channelBusy: (seconds) => `وصلت هذه القناة إلى حد الأسئلة في الدقيقة (أما أنت فلم تصل إلى حدك). حاول مرة أخرى بعد ${seconds} ثانية.`,
  clicksLimited: (seconds) => `على مهلك 🙂 وصلت إلى حد الضغط على الأزرار في الدقيقة. حاول مرة أخرى بعد ${seconds} ثانية.`,
  failure: 'حدث خطأ أثناء الإجابة. حاول مرة أخرى بعد قليل.',
  checked: 'النص المفحوص',
  exact: '✅ **موجود في المقال حرفيا**',
  occurrences: (n) => `يرد ${n} مرات في المقال؛ هذا أوله.`,
  inContext: (id) => `اقرأه في سياقه: \u2068\`/source id:${id}\`\u2069`,
  close: '⚠️ **قريب، لكنه ليس ما يقوله المقال**',
  nameInOtherScript: '⚠️ **اسم مكتوب بحروف أخرى**: يكتبه المقال هكذا',
  articleSays: 'نص المقال كما هو',
  notInArticleQuote: '❌ **ليس في المقال**: لا شيء فيه قريب من هذا النص.',
  nearest: 'أقرب جملة في المقال، وهي **ليست** مطابقة:',
  otherLanguage: (article) =>
    article === 'ar' ? 'لا أستطيع أن أفحص إلا الاقتباسات العربية في هذا المقال العربي.' : 'لا أستطيع أن أفحص إلا الاقتباسات الإنجليزية في هذا المقال الإنجليزي.',
  nothingToCheck: 'لا يوجد نص لفحصه. الصق الاقتباس بعد `/verify text:`.',
  tooLongToCheck: (chars, words) => `هذا النص أطول من أن يكون اقتباسا: الحد ${chars.toLocaleString('en')} حرف أو ${words} كلمة.`,
  moreDifferences: (n) => `و${n} فروق أخرى.`,
  differences: {
    number: { changed: 'رقم مختلف: في المقال «A» وفي الاقتباس «C».', dropped: 'رقم ناقص: في المقال «A».', added: 'رقم مضاف: «C» ليس في المقال.' },
    negation: { changed: 'النفي تغيّر: في المقال «A» وفي الاقتباس «C».', dropped: 'نفي محذوف: في المقال «A».', added: 'نفي مضاف: «C» ليس في المقال، فيقلب المعنى.' },
    name: { changed: 'اسم مختلف: في المقال «A» وفي الاقتباس «C».', dropped: 'اسم ناقص: «A».', added: 'اسم مضاف: «C».' },
    word: { changed: 'كلمة مختلفة: في المقال «A» وفي الاقتباس «C».', dropped: 'محذوف من المقال: «A».', added: 'مضاف: «C».' },
  },
};

export function strings(language: Language): Strings {
  return language === 'ar' ? ar : en;
}

/** A line for everyone, English then Arabic (for notices that have no question to take a language from). */
export function bothLanguages(say: (s: Strings) => string, isolate: (text: string) => string): string {
  return `${say(en)} · ${isolate(say(ar))}`;
}
