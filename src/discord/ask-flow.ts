// One question, start to finish: answer it from its article (or across the library) in the context of its
// conversation, render it (the answer first, its article named after it when the library holds several),
// publish it with its sources, remember it and the turn.
import type { PreparedQuestion } from '../qa/question.ts';
import { answerAcross } from '../qa/across.ts';
import type { Answer } from '../qa/types.ts';
import type { Article } from '../text/article.ts';
import type { ArticleChoice } from './article-choice.ts';
import type { BotContext } from './context.ts';
import { publishAnswer, type Published, type ReplyTarget } from './publish.ts';
import { renderAnswer } from './render.ts';
import { articleNote } from './render-article.ts';
import { strings } from '../strings.ts';
import { answerInConversation } from '../qa/converse.ts';
import type { Turn } from '../qa/conversation.ts';

export interface AskRequest {
  prepared: PreparedQuestion;
  choice: ArticleChoice;
  answerKey: string;
  previousQuestion?: string;
  /** Sentence ids the conversation already showed (a follow-up in a thread asks for more). */
  alreadyShown?: readonly string[];
  /** The conversation this question continues (a sources thread, a reply chain); unset: it starts one. */
  conversation?: { id: string; turns: Turn[] };
  sourcesThread: boolean;
  /** A private answer starts no conversation. */
  private?: boolean;
}

interface Answered {
  answer: Answer;
  /** The article its quotes come from, or the articles of an answer across the library. */
  sources: Article | Article[];
  /** The small line(s) after the answer saying which article answers, when the library holds several. */
  articleNote?: string;
  articleId: string;
  /** The turn to remember, and what a follow-up was read as. */
  turn?: Turn;
  readAs?: string;
}

async function answerFor(ctx: BotContext, request: AskRequest): Promise<Answered> {
  const { question } = request.prepared;
  const previous = request.previousQuestion ? { previousQuestion: request.previousQuestion } : {};
  if (request.choice.kind === 'one' && (ctx.conversation ?? 'context') === 'context') {
    const { entry, index } = request.choice.article;
    const reply = await answerInConversation(ctx.answers, index, question, request.conversation?.turns ?? []);
    return { answer: reply.answer, sources: index.article, ...(request.choice.named ? { articleNote: articleNote([entry]) } : {}), articleId: entry.id, turn: reply.turn, ...(reply.readAs ? { readAs: reply.readAs } : {}) };
  }
  if (request.choice.kind === 'one') {
    const { entry, index } = request.choice.article;
    const answer = await ctx.answers.answer(index, question, { ...previous, ...(request.alreadyShown ? { alreadyShown: request.alreadyShown } : {}) });
    return { answer, sources: index.article, ...(request.choice.named ? { articleNote: articleNote([entry]) } : {}), articleId: entry.id };
  }
  const candidates = await ctx.shelf.candidates(request.choice.guildId, question);
  const answer = await answerAcross(candidates.map((c) => ({ id: c.entry.id, index: c.index })), question, previous);
  const cited = candidates.filter((c) => answer.citations.some((q) => q.articleId === c.entry.id));
  const note = cited.length > 0 ? articleNote(cited.map((c) => c.entry)) : `-# 📚 ${strings(answer.language).wholeLibrary(candidates.length)}`;
  return { answer, sources: cited.map((c) => c.index.article), articleNote: note, articleId: 'all' };
}

export async function answerAndPublish(ctx: BotContext, target: ReplyTarget, request: AskRequest): Promise<Published> {
  const { prepared } = request;
  const { answer, sources, articleNote: note, articleId, turn, readAs } = await answerFor(ctx, request);
  const messages = renderAnswer(answer, {
    ...(note ? { articleNote: note } : {}),
    ...(readAs ? { readAs } : {}),
    answerKey: request.answerKey,
    sourcesInThread: request.sourcesThread,
    shortened: prepared.shortened,
  });
  const stored = (where?: { channelId: string; messageId: string }) =>
    ctx.store.saveAnswer({
      key: request.answerKey,
      question: prepared.question,
      channelId: where?.channelId ?? null,
      messageId: where?.messageId ?? null,
      answered: answer.answered,
      citationIds: answer.citations.map((c) => c.id),
      articleId,
    });
  // Stored before it is shown: a vote can arrive before the bot hears back that the answer is up, and a
  // follow-up before the bot hears back that this one is (its reply's id is filled in once it is).
  await stored();
  if (turn && request.conversation) await rememberTurn(ctx, request, null, { ...turn, articleId });
  const published = await publishAnswer(ctx, target, {
    messages,
    sources,
    citations: answer.answered ? answer.citations : [],
    language: answer.language,
    question: prepared.question,
    answerKey: request.answerKey,
    sourcesThread: request.sourcesThread,
    // the turn is remembered as soon as the answer is up: a follow-up can come before its sources are all posted
    onShown: async (where) => {
      await stored(where);
      if (turn && !request.private) await rememberTurn(ctx, request, where.messageId, { ...turn, articleId });
    },
  });
  ctx.log.info(
    { answerKey: request.answerKey, article: articleId, answered: answer.answered, citations: answer.citations.map((c) => c.id), thread: published.threadId },
    'answered',
  );
  return published;
}

/** A failure to remember costs only the context of later follow-ups, never the answer already shown. */
async function rememberTurn(ctx: BotContext, request: AskRequest, messageId: string | null, turn: Turn & { articleId: string }): Promise<void> {
  // a new conversation is named after its first reply, which is also its sources thread's id
  const conversationId = request.conversation?.id ?? messageId;
  if (!conversationId) return;
  try {
    await ctx.store.addTurn({ ...turn, conversationId, answerKey: request.answerKey, messageId });
  } catch (error) {
    ctx.log.error({ err: error, answerKey: request.answerKey }, 'could not remember the turn of the conversation');
  }
}
