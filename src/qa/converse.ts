// One turn of a conversation about an article: the question read in the context of the turns before it
// (conversation.ts, or a chat model condensing it when one is configured), then answered the way a lone
// question is: an overview for a question about the whole article, the neighbouring sentence for "what
// happened next", retrieval with its usual threshold for everything else. Pure: the store is the caller's.
import type { ArticleIndex } from '../index/article-index.ts';
import { detectLanguage, type Language } from '../text/arabic.ts';
import { strings } from '../strings.ts';
import { makeCitation } from './citations.ts';
import { aboutOf, besideSentence, readInContext, type Reading, type Turn } from './conversation.ts';
import { asksForOverview } from './overview.ts';
import { QUESTION_LIMIT } from './question.ts';
import type { AnswerService } from './service.ts';
import type { Answer } from './types.ts';

export interface ConversationReply {
  answer: Answer;
  /** What the question was read as, when the conversation changed it (shown as "Reading this as: …"). */
  readAs?: string;
  reading: Reading['kind'];
  /** The turn to remember. */
  turn: Turn;
}

/** Sentences of an overview: a short summary. */
const OVERVIEW_LENGTH = 'short';

export async function answerInConversation(
  service: AnswerService,
  index: ArticleIndex,
  question: string,
  turns: readonly Turn[],
): Promise<ConversationReply> {
  const language = detectLanguage(question);
  let reading = readInContext(index, question, turns, asksForOverview);
  // with a chat model, it condenses the follow-up and the history into one question (history-aware retrieval)
  if (reading.kind !== 'overview' && reading.kind !== 'beside' && turns.length > 0 && service.condense) {
    const condensed = standalone(await service.condense(index, question, turns), language);
    if (condensed) reading = condensed === question.trim() ? { kind: 'standalone', question } : { kind: 'rewritten', question: condensed };
  }
  const shown = new Set(turns.flatMap((t) => t.shown));
  const last = turns.at(-1);

  if (reading.kind === 'overview') {
    const summary = await service.summarise(index, { length: OVERVIEW_LENGTH });
    const ids = summary.citations.map((c) => c.id);
    // the extractive summary's text is its quotes with their ids; a chat model's is its own checked words
    const extractive = summary.citations.every((c) => summary.text.includes(`${c.text} [${c.id}]`));
    const answer: Answer = {
      question,
      language,
      answered: summary.citations.length > 0,
      lead: extractive || !summary.text.trim() ? strings(language).overviewLead(ids) : summary.text,
      citations: summary.citations,
    };
    return { answer, reading: 'overview', turn: { question, readAs: question, shown: ids, about: [], kind: 'overview' } };
  }

  if (reading.kind === 'beside') {
    const position = besideSentence(index, reading.from, reading.direction, shown);
    const sentence = position === undefined ? undefined : index.article.sentences[position]!;
    const answer: Answer = sentence
      ? { question, language, answered: true, lead: strings(language).besideLead(reading.direction, sentence.id), citations: [makeCitation(index.article, sentence, 1)] }
      : { question, language, answered: false, lead: strings(language).besideEdge(reading.direction), citations: [] };
    const shownNow = sentence ? [sentence.id] : [];
    return { answer, reading: 'beside', turn: { question, readAs: question, shown: shownNow, about: last?.about ?? [], kind: 'beside' } };
  }

  const readAs = reading.question;
  const followUp = reading.kind === 'rewritten';
  const near = [...turns].reverse().find((t) => t.shown.length > 0)?.shown ?? [];
  const answered = await service.answer(index, readAs, followUp ? { alreadyShown: [...shown], followUp: true, near } : {});
  const answer = { ...answered, question, language };
  const ids = answer.citations.map((c) => c.id);
  // a follow-up that found nothing keeps pointing at what the conversation was about
  // a resolved pronoun keeps the conversation on the same subject; otherwise the answer says what it is about
  const about = reading.kind === 'rewritten' && reading.referent ? [reading.referent] : ids.length > 0 ? aboutOf(index, readAs, ids) : [];
  return {
    answer,
    ...(followUp ? { readAs } : {}),
    reading: reading.kind,
    turn: { question, readAs, shown: ids, about: about.length > 0 ? about : (last?.about ?? []), kind: 'answer' },
  };
}

/** A condensed question is used only when it is one line of text in the question's language, not too long. */
function standalone(condensed: string | undefined, language: Language): string | undefined {
  const text = condensed?.replace(/\s+/gu, ' ').trim();
  if (!text || text.length > QUESTION_LIMIT || !/[\p{L}]/u.test(text)) return undefined;
  return detectLanguage(text) === language ? text : undefined;
}
