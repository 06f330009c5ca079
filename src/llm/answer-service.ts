// Answers and summaries written by a chat model, but only as far as they can be checked: every claim must
// name a sentence the model was given, and the quotes shown are always cut from the article by makeCitation.
// Whenever the model fails or its reply does not pass, the extractive service answers instead.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ArticleIndex } from '../index/article-index.ts';
import type { Logger } from '../log.ts';
import { makeCitation } from '../qa/citations.ts';
import type { Answer, Summary } from '../qa/types.ts';
import type { Sentence } from '../text/segment.ts';
import { answerWithDetails, type AnswerDetails } from '../qa/answer.ts';
import type { Evidence } from '../qa/retrieve.ts';
import type { AnswerService, SummaryRequest } from '../qa/service.ts';
import { summaryLanguage } from '../summary/summarise.ts';
import { describeFailure, invokeWithin } from './invoke.ts';
import { verifyReply, type Verification, type VerifiedReply } from './markers.ts';
import { buildAnswerMessages, buildCondenseMessages, buildSummaryMessages } from './prompt.ts';
import { detectLanguage } from '../text/arabic.ts';

/** The latest turns a condensed question is written from. */
const HISTORY_TURNS = 4;

export interface LlmServiceOptions {
  timeoutMs: number;
  /** Summarises when the model cannot (answers fall back to the extractive answer they were built on). */
  fallback: AnswerService;
  log: Logger;
  /** Sentences numbered for an answer. */
  evidenceCount?: number;
  /** Longest article summarised from all its sentences; longer ones are summarised from a preselection. */
  maxSummarySentences?: number;
}

const DEFAULT_EVIDENCE = 8;
const DEFAULT_SUMMARY_SENTENCES = 60;
const WORDS_FOR_LENGTH = { short: 40, medium: 80, long: 150 } as const;

export function createLlmAnswerService(chatModel: BaseChatModel, options: LlmServiceOptions): AnswerService {
  const { fallback, log, timeoutMs } = options;
  const evidenceLimit = options.evidenceCount ?? DEFAULT_EVIDENCE;
  const provider = chatModel._llmType();

  async function ask(messages: Parameters<typeof invokeWithin>[1], task: string): Promise<string | undefined> {
    const started = Date.now();
    try {
      const reply = await invokeWithin(chatModel, messages, timeoutMs);
      log.debug({ provider, task, ms: Date.now() - started, chars: reply.length }, 'model replied');
      return reply;
    } catch (error) {
      log.warn({ provider, task, ms: Date.now() - started, failure: describeFailure(error) }, 'model call failed: using the extractive result');
      return undefined;
    }
  }

  /** The verified reply, or undefined (with a log line saying why) when the extractive result must answer. */
  function accepted(verification: Verification, task: string): VerifiedReply | undefined {
    if (!verification.ok) {
      log.warn({ provider, task, reason: verification.reason, detail: verification.detail }, 'model reply rejected: using the extractive result');
      return undefined;
    }
    const { removedMarkers, droppedClaims, fabricatedQuotes, ungroundedClaims } = verification.reply;
    if (removedMarkers + droppedClaims > 0) {
      log.info({ provider, task, removedMarkers, droppedClaims, fabricatedQuotes, ungroundedClaims }, 'model reply trimmed to its verified claims');
    }
    return verification.reply;
  }

  return {
    async answer(index, question, answerOptions = {}): Promise<Answer> {
      // One retrieval pass: it decides whether the article answers at all, gives the extractive answer (the
      // fallback) and ranks the evidence the model may word. The model only words what was found.
      const details = await answerWithDetails(index, question, answerOptions);
      const extractive = details.answer;
      if (!extractive.answered) return extractive;
      const evidence = evidenceOf(index, details, evidenceLimit);

      const messages = buildAnswerMessages({
        question,
        language: extractive.language,
        sentences: evidence.map((e) => e.sentence.text),
        earlierQuestion: details.followUp ? answerOptions.previousQuestion?.trim() : undefined,
      });
      const reply = await ask(messages, 'answer');
      if (reply === undefined) return extractive;
      const verified = accepted(
        verifyReply(reply, {
          evidence: evidence.map((e) => e.sentence.text),
          sourceText: index.article.text,
          language: extractive.language,
          label: (n) => evidence[n - 1]!.sentence.id,
        }),
        'answer',
      );
      if (!verified) return extractive;
      return {
        question: extractive.question,
        language: extractive.language,
        answered: true,
        lead: verified.text,
        // The quotes come from the article through makeCitation, never from the model's text.
        citations: verified.cited.map((n) => {
          const chosen = evidence[n - 1]!;
          return makeCitation(index.article, chosen.sentence, chosen.score);
        }),
      };
    },

    async condense(index, question, turns) {
      const sentences = index.article.sentences;
      const history = turns.slice(-HISTORY_TURNS).map((t) => {
        const quoted = sentences.find((s) => s.id === t.shown[0])?.text;
        return { asked: t.readAs, ...(quoted ? { quoted } : {}) };
      });
      const reply = await ask(buildCondenseMessages({ question, history, language: detectLanguage(question) }), 'condense');
      // one line, without the tags or quotation marks a model may wrap it in; converse.ts checks the rest
      return reply?.split('\n').map((line) => line.replace(/<\/?question>/gu, '').trim()).find(Boolean)?.replace(/^["«“]|["»”]$/gu, '');
    },

    async summarise(index, request: SummaryRequest = {}): Promise<Summary> {
      const extractive = await fallback.summarise(index, request);
      const topic = request.topic?.trim() || undefined;
      if (topic && (extractive.topicFound === false || extractive.citations.length === 0)) return extractive;

      const sentences = await summarySentences(index, request, fallback, options.maxSummarySentences ?? DEFAULT_SUMMARY_SENTENCES);
      const words = request.words !== undefined && Number.isFinite(request.words) ? Math.max(15, Math.floor(request.words)) : WORDS_FOR_LENGTH[request.length ?? 'medium'];
      const language = summaryLanguage(index.article, topic);
      const messages = buildSummaryMessages({ sentences: sentences.map((s) => s.text), words, language, topic });
      const reply = await ask(messages, 'summary');
      if (reply === undefined) return extractive;
      const verified = accepted(
        verifyReply(reply, {
          evidence: sentences.map((s) => s.text),
          sourceText: index.article.text,
          language,
          label: (n) => sentences[n - 1]!.id,
          maxChars: Math.min(1_800, Math.max(900, words * 9)),
        }),
        'summary',
      );
      if (!verified) return extractive;
      const cited = verified.cited.map((n) => sentences[n - 1]!).sort((a, b) => a.start - b.start);
      return {
        ...(topic ? { topicFound: true } : {}),
        text: verified.text,
        citations: cited.map((sentence) => makeCitation(index.article, sentence, 1)),
      };
    },
  };
}

/** The extractive answer's own quotes first (they passed the abstention rules), then the rest of the same ranking. */
function evidenceOf(index: ArticleIndex, details: AnswerDetails, limit: number): Evidence[] {
  const quoted = new Set(details.answer.citations.map((c) => c.id));
  const sentences = index.article.sentences;
  const first = details.answer.citations.flatMap((c) => {
    const sentence = sentences.find((s) => s.id === c.id);
    return sentence ? [{ sentence, score: c.score }] : [];
  });
  const rest = details.scored
    .map(({ position, score }) => ({ sentence: sentences[position]!, score }))
    .filter((e) => !quoted.has(e.sentence.id));
  return [...first, ...rest].slice(0, limit);
}

/** Short articles are summarised from every sentence; long ones from the extractive service's longest selection. */
async function summarySentences(index: ArticleIndex, request: SummaryRequest, fallback: AnswerService, max: number): Promise<Sentence[]> {
  const all = index.article.sentences;
  if (all.length <= max) return all;
  const preselected = await fallback.summarise(index, { topic: request.topic, words: max * 25 });
  const ids = new Set(preselected.citations.map((c) => c.id));
  const chosen = all.filter((s) => ids.has(s.id)).slice(0, max);
  return chosen.length > 0 ? chosen : all.slice(0, max);
}
