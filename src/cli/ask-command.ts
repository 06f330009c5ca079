// The ask command: answers questions about an article, one at a time or in a batch (entry point: ask.ts).
import { answerInConversation } from '../qa/converse.ts';
import type { ArticleIndex } from '../index/article-index.ts';
import { log } from '../log.ts';
import { ConfigError, indexDirOf } from '../config.ts';
import { LibraryError } from '../library/library.ts';
import { DamagedFileError } from '../sqlite-file.ts';
import type { AnswerService } from '../qa/service.ts';
import { readSettings } from '../settings.ts';
import { assertExactQuote } from '../qa/citations.ts';
import type { Answer } from '../qa/types.ts';
import { ArticleError } from '../text/article.ts';
import { CliError, parseCommandLine, processOutput, runCommand, USAGE_EXIT, UsageError, type CommandOutput } from './args.ts';
import { terminalOutput } from './terminal.ts';
import { optionalString, parseJsonLines, readBatchFile, type BatchLine } from './batch.ts';
import { answerRecord, jsonLine, namedArticles, renderAnswerText } from './output.ts';
import { IndexCache } from './index-cache.ts';
import { prepareQuestion, QUESTION_LIMIT } from '../qa/question.ts';


const USAGE = `Ask a question about an article; every answer quotes the article's own sentences.

Usage:
  npm run ask -- "متى سيزور شي جين بينغ روسيا؟"
  npm run ask -- --json "When will Xi visit Russia?"
  npm run ask -- --batch questions.jsonl [--article FILE]

Options:
  --json              print one JSON object { id?, question, answered, answer, citations }
  --article FILE      the article to ask about: a UTF-8 text file, one paragraph per line
                      (default: ARTICLE_PATH from the environment or .env, else articles/xi-putin-visit.ar.txt)
  --article-id ID     an article of the library (\`npm run library -- list\`), e.g. A2; \`all\` asks the
                      whole library, and each quote then names its article ("articleId": "A3")
  --batch FILE        JSON Lines, one { "id", "question", "article"? } per line; prints one JSON
                      line per question. A line's own "article" overrides --article.
  --previous TEXT     the question asked just before, so that a short follow-up ("and why?") has context
  --index-dir DIR     where indexes are kept (default: $EMBEDDINGS_DIR, else DATA_DIR/indexes)
  -h, --help          show this help

Exit status: 0 when the question (or the batch) was answered, 1 when the article or batch file
cannot be used, 2 when the command line or the question cannot be used.
`;

const EMPTY_QUESTION = 'The question has no words: write what you want to know about the article.';

function shortenedNote(length: number): string {
  return `the question is ${length.toLocaleString('en')} characters long; only its first ${QUESTION_LIMIT.toLocaleString('en')} were answered.`;
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  article: { type: 'string' },
  'article-id': { type: 'string' },
  batch: { type: 'string' },
  previous: { type: 'string' },
  'index-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface AskLine {
  id?: string;
  question: string;
  article?: string;
}

async function ask(answers: AnswerService, index: ArticleIndex, question: string, previousQuestion?: string): Promise<Answer> {
  // a question on its own is read as a first turn (a question about the whole article gets an overview)
  const answer =
    previousQuestion === undefined
      ? (await answerInConversation(answers, index, question, [])).answer
      : await answers.answer(index, question, { previousQuestion });
  // The invariant is checked where quotes leave the program, whatever produced them.
  for (const citation of answer.citations) assertExactQuote(index.article.text, citation);
  return answer;
}

function validateAskLine(record: Record<string, unknown>): AskLine | string {
  const question = record.question;
  if (typeof question !== 'string') return 'missing "question" (a string)';
  const article = optionalString(record, 'article');
  if (typeof article === 'object') return article.error;
  const id = record.id;
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or a number';
  return { question, ...(id === undefined ? {} : { id: String(id) }), ...(article === undefined ? {} : { article }) };
}

/** What every question of a run is answered with: the article indexes and the configured answerer. */
interface Answering {
  indexes: IndexCache;
  answers: AnswerService;
}

async function runBatch(batchPath: string, defaultArticle: string, { indexes, answers }: Answering, out: CommandOutput): Promise<number> {
  const lines: BatchLine<AskLine>[] = parseJsonLines(readBatchFile(batchPath), validateAskLine);
  // If any line relies on the default article and it cannot be used, nothing of that kind can be answered.
  if (lines.some((line) => 'value' in line && line.value.article === undefined)) await indexes.open(defaultArticle);

  let answered = 0;
  for (const line of lines) {
    const failure = await answerBatchLine(line, defaultArticle, { indexes, answers }, out);
    if (failure === undefined) {
      answered++;
      continue;
    }
    const id = 'value' in line ? line.value.id : line.id;
    out.stdout(jsonLine({ ...(id === undefined ? {} : { id }), line: line.line, error: failure }));
    out.stderr(`warning: ${failure}\n`);
  }
  log.info({ questions: lines.length, answered, failed: lines.length - answered }, 'batch done');
  return 0;
}

/** Answers one batch line and prints it; returns the reason when the line cannot be answered. */
async function answerBatchLine(
  line: BatchLine<AskLine>,
  defaultArticle: string,
  { indexes, answers }: Answering,
  out: CommandOutput,
): Promise<string | undefined> {
  if (!('value' in line)) return line.error;
  const { id, article } = line.value;
  const prepared = prepareQuestion(line.value.question);
  if (prepared.empty) return `line ${line.line}: ${EMPTY_QUESTION}`;
  let index: ArticleIndex;
  try {
    index = await indexes.open(article ?? defaultArticle);
  } catch (error) {
    if (error instanceof ArticleError) return `line ${line.line}: ${error.message}`;
    throw error;
  }
  const answer = await ask(answers, index, prepared.question);
  out.stdout(jsonLine(answerRecord(answer, { id, shortened: prepared.shortened })));
  return undefined;
}

async function main(args: string[], out: CommandOutput): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    out.stdout(USAGE);
    return 0;
  }
  // the same settings as the bot (.env included): its article, index folder, embedder and chat model
  const settings = readSettings();
  log.level = settings.bot.LOG_LEVEL;
  const articlePath = values.article ?? settings.bot.ARTICLE_PATH;
  const indexes = new IndexCache(values['index-dir'] ?? indexDirOf(settings.bot), settings.embeddings);
  const { answerServiceFor } = await import('../compose.ts');
  const answers = await answerServiceFor(settings.llm, log);
  try {
    if (values['article-id'] !== undefined && (values.article !== undefined || values.batch !== undefined)) {
      throw new UsageError('Give --article-id or --article (or --batch), not both.');
    }
    return await answerFromCommandLine({ ...values, articleId: values['article-id'] }, positionals, articlePath, { indexes, answers }, out);
  } finally {
    await indexes.close();
  }
}

async function answerFromCommandLine(
  values: { batch?: string; previous?: string; json: boolean; articleId?: string | undefined },
  positionals: string[],
  articlePath: string,
  answering: Answering,
  out: CommandOutput,
): Promise<number> {
  if (values.batch !== undefined) {
    if (positionals.length > 0) throw new UsageError('Give either a question or --batch FILE, not both.');
    return runBatch(values.batch, articlePath, answering, out);
  }

  if (positionals.length === 0) throw new UsageError('No question given. Example: npm run ask -- "متى سيزور شي روسيا؟"');
  const asked = positionals.join(' ');
  const prepared = prepareQuestion(asked);
  if (prepared.empty && values.json) {
    // a program reading --json gets the same shape for every question, and the exit status still says why
    out.stdout(jsonLine({ question: asked, answered: false, answer: EMPTY_QUESTION, citations: [] }));
    return USAGE_EXIT;
  }
  if (prepared.empty) throw new CliError(EMPTY_QUESTION, USAGE_EXIT);
  if (prepared.shortened && !values.json) out.stderr(`note: ${shortenedNote(prepared.length)}\n`);

  const { answer, named } =
    values.articleId === undefined
      ? { answer: await ask(answering.answers, await answering.indexes.open(articlePath), prepared.question, values.previous), named: [] }
      : values.articleId.trim().toLowerCase() === 'all'
        ? await askLibrary(answering.indexes, prepared.question, values.previous)
        : await askLibraryArticle(values.articleId, answering, prepared.question, values.previous);
  // a library article is named first, as the bot's answers name it
  const articles = namedArticles(named);
  const record = { ...answerRecord(answer, { shortened: prepared.shortened }), ...(named.length > 0 ? { articles: articles.records } : {}) };
  out.stdout(values.json ? jsonLine(record) : articles.text + renderAnswerText(answer));
  return 0;
}

/** One article of the library, asked; its index is opened once per run. */
async function askLibraryArticle(id: string, { indexes, answers }: Answering, question: string, previousQuestion?: string) {
  const { libraryArticle } = await import('./library-command.ts');
  const { entry, article } = await libraryArticle(id);
  return { answer: await ask(answers, await indexes.openArticle(article), question, previousQuestion), named: [entry] };
}

/** A question to the whole library: its most promising articles are asked, and the best quotes kept. */
async function askLibrary(indexes: IndexCache, question: string, previousQuestion?: string) {
  const [{ openConfiguredLibrary }, { createShelf }, { answerAcross }] = await Promise.all([
    import('./library-command.ts'),
    import('../library/shelf.ts'),
    import('../qa/across.ts'),
  ]);
  const { library, books } = await openConfiguredLibrary();
  try {
    const candidates = await createShelf(library, (article) => indexes.openArticle(article)).candidates(books.guildId, question);
    const answer = await answerAcross(candidates.map((c) => ({ id: c.entry.id, index: c.index })), question, previousQuestion ? { previousQuestion } : {});
    const cited = new Set(answer.citations.map((c) => c.articleId));
    return { answer, named: [...cited].map((id) => candidates.find((c) => c.entry.id === id)!.entry) };
  } finally {
    await library.close();
  }
}

/** Runs the ask command with its arguments (without the program name) and returns the exit status. */
export function runAsk(args: string[], out: CommandOutput = processOutput): Promise<number> {
  const safe = terminalOutput(out);
  return runCommand(() => main(args, safe), [ArticleError, ConfigError, LibraryError, DamagedFileError], safe);
}
