// Runs a SQuAD-format benchmark: the lexical, neural and fused systems, the fused system with its previous settings,
// and the raw-token BM25 baseline on the same questions; with the neural embedder, also what a reader is shown
// against the LangChain chunk retriever (src/eval/peer.ts). Indexes are kept under embeddings/eval/ and the peer's
// chunk vectors in a passage cache beside them, so a second run does not embed the articles again.
import { basename, join } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { DEFAULT_INDEX_DIR, openArticleIndex } from '../index/article-index.ts';
import type { Logger } from '../log.ts';
import { answerWithDetails, type AnswerDetails, type AnswerOptions, type RetrievalSystem } from '../qa/answer.ts';
import { PREVIOUS_SETTINGS } from '../qa/previous-settings.ts';
import { articleFromText, type Article } from '../text/article.ts';
import { RawBm25Baseline } from './baseline.ts';
import { emptyTally, figures, firstHitRank, overlaps, type Span, type SystemFigures, type SystemTally } from './metrics.ts';
import type { EvalArticle, EvalQuestion } from './squad.ts';
import { PassageCache } from './passage-cache.ts';
import { ChunkPeer, PEER_CHUNK_SIZES } from './peer.ts';
import { addReading, emptyReading, readingRow, type ReadingRow, type ReadingTally } from './reading.ts';

export interface EvalOptions {
  /** Also ask each article the questions of the next article, which it should not answer. */
  offTopic?: boolean;
  answer?: AnswerOptions;
  /** The neural embedder; without it only the lexical system and the baseline run. */
  embedder?: { embeddings?: EmbeddingsInterface; embedderId?: string };
  /** Names the saved indexes (the dataset's file name). */
  dataset?: string;
  /** Where the indexes are kept; false keeps them in memory. */
  indexDir?: string | false;
  /** Skip the LangChain chunk retriever and the reading table (it runs only with the neural embedder). */
  skipPeer?: boolean;
  log?: Logger;
}

export interface EvalResult {
  systems: SystemFigures[];
  articles: number;
  /** Hit against characters shown, for the bot's quotes and the peer's chunks (with the neural embedder). */
  reading: ReadingRow[];
}

interface EvalSystem {
  name: string;
  options: AnswerOptions;
  /** Whether its answers are drawn in the reading table (under this label). */
  reading?: string;
}

/** The bot's systems: the default, the same with its previous weights, thresholds and quote rule, and each signal alone. */
function systemsToRun(neural: boolean, answer: AnswerOptions = {}): EvalSystem[] {
  const run = (system: RetrievalSystem, settings: AnswerOptions = {}) => ({ ...settings, ...answer, system });
  if (!neural) {
    return [
      { name: 'lexical only', options: run('lexical') },
      { name: 'lexical, previous settings', options: run('lexical', PREVIOUS_SETTINGS) },
    ];
  }
  return [
    { name: 'fused (default)', options: run('fused'), reading: 'bot' },
    { name: 'fused, previous settings', options: run('fused', PREVIOUS_SETTINGS), reading: 'bot, previous settings' },
    { name: 'lexical only', options: run('lexical') },
    { name: 'neural only', options: run('neural') },
  ];
}

export const EVAL_INDEX_DIR = join(DEFAULT_INDEX_DIR, 'eval');
/** The peer's chunk vectors, by text: chunks are embedded once across runs. */
const PEER_VECTOR_DIR = join(EVAL_INDEX_DIR, 'peer-vectors');
/** Chunks the peer shows at most. */
const PEER_MAX_K = 3;

export async function runEval(articles: readonly EvalArticle[], options: EvalOptions = {}): Promise<EvalResult> {
  const embeddings = options.embedder?.embeddings;
  const systems = systemsToRun(embeddings !== undefined, options.answer);
  const tallies = new Map(systems.map((s) => [s.name, emptyTally()]));
  const baseline = emptyTally();
  const reading = new Readings();
  const peerEmbeddings = embeddings && !options.skipPeer ? peerVectors(embeddings, options) : undefined;
  let peerSaved = 0;
  const indexes = [];
  for (const [i, entry] of articles.entries()) {
    const article = articleFromText(entry.text, `${basename(options.dataset ?? 'eval')}-${i + 1}`);
    const where = options.indexDir === false ? { persist: false } : { dir: options.indexDir ?? EVAL_INDEX_DIR };
    const index = await openArticleIndex(article, { ...where, ...(options.log ? { log: options.log } : {}), ...options.embedder });
    const ranks = new RawBm25Baseline(article.sentences);
    indexes.push({ index, ranks });
    const peers = peerEmbeddings ? await Promise.all(PEER_CHUNK_SIZES.map((size) => ChunkPeer.build(article.text, size, peerEmbeddings))) : [];
    // saved as it grows, so that a run stopped half-way keeps what it embedded
    if (peerEmbeddings instanceof PassageCache && peerEmbeddings.embedded > peerSaved) {
      peerEmbeddings.save();
      peerSaved = peerEmbeddings.embedded;
    }
    for (const q of entry.questions) {
      // the first system asked embeds the question: its latency includes the embedder's
      for (const system of systems) {
        const tally = tallies.get(system.name)!;
        const started = performance.now();
        const details = await answerWithDetails(index, q.question, system.options);
        tally.latenciesMs.push(performance.now() - started);
        score(tally, q, article, details.ranked, details.answer.answered, details.answer.citations);
        if (system.reading && !q.impossible) reading.addBot(system.reading, details, article, q);
      }
      if (peerEmbeddings && !q.impossible) {
        const vector = await peerEmbeddings.embedQuery(q.question);
        for (const peer of peers) {
          const top = await peer.top(vector, PEER_MAX_K);
          for (let k = 1; k <= PEER_MAX_K; k++) reading.add(`LangChain ${peer.chunkSize}-char chunks, top ${k}`, 'peer', top.slice(0, k), q);
        }
      }
      const baselineStarted = performance.now();
      const baselineRanked = ranks.rank(q.question);
      baseline.latenciesMs.push(performance.now() - baselineStarted);
      score(baseline, q, article, baselineRanked, baselineRanked.length > 0);
    }
  }
  // asked after every article's own questions, so that no question's embedding was fetched for it here first
  if (options.offTopic && articles.length > 1) {
    for (const [i, { index, ranks }] of indexes.entries()) {
      for (const q of articles[(i + 1) % articles.length]!.questions) {
        for (const system of systems) {
          const tally = tallies.get(system.name)!;
          const details = await answerWithDetails(index, q.question, system.options);
          tally.offTopic++;
          if (!details.answer.answered) tally.offTopicAbstentions++;
        }
        baseline.offTopic++;
        if (ranks.rank(q.question).length === 0) baseline.offTopicAbstentions++;
      }
    }
  }
  return {
    systems: [...systems.map((s) => figures(s.name, tallies.get(s.name)!)), figures('BM25 raw tokens (baseline)', baseline)],
    articles: articles.length,
    reading: reading.rows(),
  };
}

function peerVectors(embeddings: EmbeddingsInterface, options: EvalOptions): EmbeddingsInterface {
  if (options.indexDir === false || !options.embedder?.embedderId) return embeddings;
  // one cache per data set, so that two runs on different data sets never write over each other's vectors
  const directory = join(options.indexDir ? join(options.indexDir, 'peer-vectors') : PEER_VECTOR_DIR, basename(options.dataset ?? 'eval'));
  return new PassageCache(embeddings, directory, options.embedder.embedderId);
}

/** The reading table's tallies, in the order first seen. */
class Readings {
  private readonly tallies = new Map<string, { side: ReadingRow['side']; tally: ReadingTally }>();

  add(view: string, side: ReadingRow['side'], shown: readonly Span[], q: EvalQuestion): void {
    let entry = this.tallies.get(view);
    if (!entry) this.tallies.set(view, (entry = { side, tally: emptyReading() }));
    addReading(entry.tally, shown, q.answers);
  }

  /** The bot's quotes as shown, its first quote alone, and its best 2 and 3 sentences when it answers. */
  addBot(label: string, details: AnswerDetails, article: Article, q: EvalQuestion): void {
    const quotes = details.answer.citations;
    const best = (k: number) => (details.answer.answered ? details.ranked.slice(0, k).map((p) => article.sentences[p]!) : []);
    this.add(`${label}: quotes shown`, 'bot', quotes, q);
    this.add(`${label}: first quote`, 'bot', quotes.slice(0, 1), q);
    if (label !== 'bot') return;
    this.add(`${label}: best 2 sentences`, 'bot', best(2), q);
    this.add(`${label}: best 3 sentences`, 'bot', best(3), q);
  }

  rows(): ReadingRow[] {
    return [...this.tallies].map(([view, { side, tally }]) => readingRow(view, side, tally));
  }
}

function score(t: SystemTally, q: EvalQuestion, article: Article, ranked: readonly number[], answered: boolean, quotes: readonly Span[] = []): void {
  if (q.impossible) {
    t.impossible++;
    if (!answered) t.impossibleAbstentions++;
    return;
  }
  t.answerable++;
  const spans = ranked.map((p) => article.sentences[p]!);
  const rank = firstHitRank(spans, q.answers);
  if (rank === 1) t.hit1++;
  if (rank >= 1 && rank <= 3) t.hit3++;
  if (rank >= 1) t.reciprocalRanks += 1 / rank;
  if (rank === 1 && answered) t.answeredHit1++;
  if (!answered) t.falseAbstentions++;
  if (answered && quotes.length > 0) {
    t.answers++;
    if (quotes.some((quote) => q.answers.some((gold) => overlaps(quote, gold)))) t.shownHits++;
    const extras = quotes.slice(1);
    t.extraQuotes += extras.length;
    t.extraQuotesWithoutAnswer += extras.filter((quote) => !q.answers.some((gold) => overlaps(quote, gold))).length;
  }
}
