// npm run bench:across [-- --sizes=10,100,500] [--neural]: questions to the whole library (`/ask article:all`).
// Libraries of 10, 100 and 500 articles, each one eval context or document, are stored in a temporary SQLite
// library; each question is asked across the library, and its answer counts as right when its first quote comes
// from the article the question was written about. The shelf (the 8 articles whose words the question shares
// most) is compared with asking every article (the baseline), in the same run. Lexical signals by default;
// --neural adds the neural embedder, its passage vectors from bench:library's cache (embedded there when
// missing) and each question's embedding live, once per question whatever the number of articles asked.
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbedder } from '../embedder/start.ts';
import { openArticleIndex } from '../index/article-index.ts';
import { readSettings } from '../settings.ts';
import { openLibrary } from '../library/library.ts';
import { createShelf, type ShelvedArticle } from '../library/shelf.ts';
import { answerAcross } from '../qa/across.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { evalTexts, libraryArticles } from './library-corpus.ts';
import { percentile } from './metrics.ts';
import { PassageCache } from './passage-cache.ts';
import { markdownTable } from './table.ts';
import { log } from '../log.ts';

const SIZES = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '10,100,500').split(',').map(Number);
const QUESTIONS = 200;
/** Where bench:library keeps the passage vectors it embedded (its --vector-cache default). */
const VECTOR_CACHE = join(tmpdir(), 'sanad-bench-passages');
log.level = 'warn';

interface Neural {
  embeddings: EmbeddingsInterface;
  embedderId: string;
}

async function measure(size: number, neural?: Neural): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'across-bench-'));
  try {
    const texts = evalTexts(join(PROJECT_ROOT, '..', 'shared', 'eval')).filter((t) => t.questions.length > 0);
    const articles = libraryArticles(texts, size, 1);
    const library = await openLibrary({ dataDir: dir, seedArticlePath: join(PROJECT_ROOT, 'articles', 'xi-putin-visit.ar.txt') });
    const books = await library.guild('');
    await books.remove('A1'); // the seed has no eval questions
    const questions: { question: string; articleId: string }[] = [];
    for (const { article, questions: asked } of articles) {
      const { entry } = await books.addText(article.text);
      for (const question of asked.slice(0, 2)) questions.push({ question, articleId: entry.id });
    }
    const shelf = createShelf(library, (article) => openArticleIndex(article, { dir: join(dir, 'index'), log, ...neural }));
    const every = await Promise.all((await books.list()).map((e) => shelf.open('', e.id)));
    const step = Math.max(1, Math.floor(questions.length / QUESTIONS));
    const sample = questions.filter((_, i) => i % step === 0).slice(0, QUESTIONS);
    // the second run asks each question with a trailing space (the same words, the same embedding), so that its
    // query is embedded again rather than taken from the embedder's cache of recent questions
    const ask = async (pick: (q: string) => Promise<ShelvedArticle[]>, suffix = '') => {
      const ms: number[] = [];
      let right = 0;
      let answered = 0;
      for (const { question: asked, articleId } of sample) {
        const question = `${asked}${suffix}`;
        const started = performance.now();
        const candidates = await pick(question);
        const answer = await answerAcross(candidates.map((c) => ({ id: c.entry.id, index: c.index })), question);
        ms.push(performance.now() - started);
        if (answer.answered) answered++;
        if (answer.citations[0]?.articleId === articleId) right++;
      }
      return [`${(right / sample.length).toFixed(3)}`, `${(answered / sample.length).toFixed(3)}`, `${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 95).toFixed(1)}`];
    };
    await shelf.candidates('', 'warm up'); // the word catalogue is built on the first question
    const shelved = await ask((q) => shelf.candidates('', q));
    const all = await ask(async () => every, ' ');
    return [
      [String(size), 'shelf: 8 articles by shared words (default)', ...shelved],
      [String(size), 'every article asked (baseline)', ...all],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const embedder = process.argv.includes('--neural') ? await startEmbedder(readSettings().embeddings, log) : undefined;
if (embedder && !embedder.embeddings) throw new Error('--neural: the neural embedder is not installed or did not start.');
const neural = embedder?.embeddings && embedder.embedderId ? { embeddings: new PassageCache(embedder.embeddings, VECTOR_CACHE, embedder.embedderId), embedderId: embedder.embedderId } : undefined;
try {
  const rows: string[][] = [];
  for (const size of SIZES) rows.push(...(await measure(size, neural)));
  process.stdout.write(`${neural ? `Neural and lexical signals (${neural.embedderId})` : 'Lexical signals'}\n\n`);
  process.stdout.write(`${markdownTable(['articles', 'asked', 'right article first', 'answered', 'p50 / p95 ms'], rows)}\n`);
} finally {
  neural?.embeddings.save();
  await embedder?.stop();
}
