// One question, start to finish: answer it, render it, publish it with its sources, remember it.
import type { PreparedQuestion } from '../qa/question.ts';
import type { BotContext } from './context.ts';
import { publishAnswer, type Published, type ReplyTarget } from './publish.ts';
import { renderAnswer } from './render.ts';

export interface AskRequest {
  prepared: PreparedQuestion;
  answerKey: string;
  previousQuestion?: string;
  /** Sentence ids the conversation already showed (a follow-up in a thread asks for more). */
  alreadyShown?: readonly string[];
  sourcesThread: boolean;
}

export async function answerAndPublish(ctx: BotContext, target: ReplyTarget, request: AskRequest): Promise<Published> {
  const { prepared } = request;
  const answer = await ctx.answers.answer(ctx.index, prepared.question, {
    ...(request.previousQuestion ? { previousQuestion: request.previousQuestion } : {}),
    ...(request.alreadyShown ? { alreadyShown: request.alreadyShown } : {}),
  });
  const messages = renderAnswer(answer, {
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
    });
  // Stored before it is shown: a vote can arrive before the bot hears back that the answer is up.
  stored();
  const published = await publishAnswer(ctx, target, {
    messages,
    citations: answer.answered ? answer.citations : [],
    language: answer.language,
    question: prepared.question,
    answerKey: request.answerKey,
    sourcesThread: request.sourcesThread,
    onShown: stored,
  });
  ctx.log.info(
    { answerKey: request.answerKey, answered: answer.answered, citations: answer.citations.map((c) => c.id), thread: published.threadId },
    'answered',
  );
  return published;
}
