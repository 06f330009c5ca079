// npm run bench:across: questions to the whole library (`/ask article:all`). Libraries of 10, 100 and 500
// articles, each one eval context or document, are stored in a temporary SQLite library; each question is
// asked across the library, and its answer counts as right when its first quote comes from the article the
// question was written about. The shelf (the 8 articles whose words the question shares most) is compared
// with asking every article (the baseline), in the same run. Lexical signals only: the neural embedder
// would add its query embedding (about 25 ms, once per question) and is measured by bench:library.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArticleIndex } from '../index/article-index.ts';
import { openLibrary } from '../library/library.ts';
import { createShelf, type ShelvedArticle } from '../library/shelf.ts';
import { answerAcross } from '../qa/across.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { evalTexts, libraryArticles } from './library-corpus.ts';
import { percentile } from './metrics.ts';
import { markdownTable } from './table.ts';
import { log } from '../log.ts';

const SIZES = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '10,100,500').split(',').map(Number);
const QUESTIONS = 200;
log.level = 'warn';

async function measure(size: number): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'across-bench-'));
  try {
    const texts = evalTexts(join(PROJECT_ROOT, '..', 'shared', 'eval')).filter((t) => t.questions.length > 0);
    const articles = libraryArticles(texts, size, 1);
    const library = await openLibrary({ dataDir: dir, seedArticlePath: join(PROJECT_ROOT, 'articles', 'xi-putin-visit.ar.txt') });
    await library.store.remove('A1'); // the seed has no eval questions
    const questions: { question: string; articleId: string }[] = [];
    for (const { article, questions: asked } of articles) {
      const { entry } = await library.addText(article.text);
      for (const question of asked.slice(0, 2)) questions.push({ question, articleId: entry.id });
    }
    const shelf = createShelf(library, (article) => openArticleIndex(article, { dir: join(dir, 'index'), log }));
    const every = await Promise.all((await library.store.list()).map((e) => shelf.open(e.id)));
    const step = Math.max(1, Math.floor(questions.length / QUESTIONS));
    const sample = questions.filter((_, i) => i % step === 0).slice(0, QUESTIONS);
    const ask = async (pick: (q: string) => Promise<ShelvedArticle[]>) => {
      const ms: number[] = [];
      let right = 0;
      let answered = 0;
      for (const { question, articleId } of sample) {
        const started = performance.now();
        const candidates = await pick(question);
        const answer = await answerAcross(candidates.map((c) => ({ id: c.entry.id, index: c.index })), question);
        ms.push(performance.now() - started);
        if (answer.answered) answered++;
        if (answer.citations[0]?.articleId === articleId) right++;
      }
      return [`${(right / sample.length).toFixed(3)}`, `${(answered / sample.length).toFixed(3)}`, `${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 95).toFixed(1)}`];
    };
    await shelf.candidates('warm up'); // the word catalogue is built on the first question
    const shelved = await ask((q) => shelf.candidates(q));
    const all = await ask(async () => every);
    return [
      [String(size), 'shelf: 8 articles by shared words (default)', ...shelved],
      [String(size), 'every article asked (baseline)', ...all],
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[][] = [];
for (const size of SIZES) rows.push(...(await measure(size)));
process.stdout.write(`${markdownTable(['articles', 'asked', 'right article first', 'answered', 'p50 / p95 ms'], rows)}\n`);
