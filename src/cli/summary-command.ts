// The summary command: cited extractive summaries of an article, one at a time or in a batch
// (entry point: summary.ts).
import { resolve } from 'node:path';
import { answerServiceFor } from '../compose.ts';
import { ConfigError, indexDirOf } from '../config.ts';
import { log } from '../log.ts';
import { assertExactQuote } from '../qa/citations.ts';
import { summariseArticle, type SummaryLength, type SummaryOptions } from '../summary/summarise.ts';
import { extractiveAnswerService, summariseIndexed, type AnswerService } from '../qa/service.ts';
import { readSettings } from '../settings.ts';
import { LibraryError } from '../library/library.ts';
import { DamagedFileError } from '../sqlite-file.ts';
import { libraryArticle } from './library-command.ts';
import type { Summary } from '../qa/types.ts';
import { ArticleError, loadArticle, type Article } from '../text/article.ts';
import { parseCommandLine, processOutput, runCommand, UsageError, type CommandOutput } from './args.ts';
import { terminalOutput } from './terminal.ts';
import { idOf, parseJsonLines, readBatchFile } from './batch.ts';
import { IndexCache } from './index-cache.ts';
import { jsonLine, namedArticles } from './output.ts';


const USAGE = `Summarise an article with its own sentences, each quoted exactly with its id.

Usage:
  npm run summary -- [--article FILE] [--length short|medium|long | --words N] [--topic TEXT] [--json]
  npm run summary -- --batch FILE.jsonl [--article FILE]

Options:
  --article FILE   the article: a UTF-8 text file, one paragraph per line
  --article-id ID  an article of the library (\`npm run library -- list\`), e.g. A2
                   (default: articles/xi-putin-visit.ar.txt)
  --length L       short (about 3 sentences), medium (about 5, the default) or long (about 8)
  --words N        a word budget instead: sentences are added until the summary reaches N words
                   (the last one may go past it); 0 gives the single most central sentence
  --topic TEXT     only the sentences about this topic, still in article order
  --json           print one JSON object { article, summary, citations, topicFound? }
  --batch FILE     JSON Lines, one { "id", "article"?, "words"?, "length"?, "topic"? } per line;
                   prints one JSON line each (a bad line gets an "error" and the rest go on)
  -h, --help       show this help

Exit status: 0 on success (also when a topic is not in the article), 1 when the article or batch
file cannot be used, 2 when the command line cannot be used.
`;

const OPTIONS = {
  article: { type: 'string' },
  'article-id': { type: 'string' },
  length: { type: 'string' },
  words: { type: 'string' },
  topic: { type: 'string' },
  json: { type: 'boolean', default: false },
  batch: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const LENGTHS: readonly SummaryLength[] = ['short', 'medium', 'long'];

/** The stable JSON shape of one summary (its prose under "summary"); `id` only in batches. */
export interface SummaryRecord extends Omit<Summary, 'text'> {
  id?: string;
  article: string;
  summary: string;
}

export function summaryRecord(article: Article, summary: Summary, id?: string): SummaryRecord {
  const { text, ...rest } = summary;
  return { ...(id === undefined ? {} : { id }), article: article.id, summary: text, ...rest };
}

/** Readable text: the quoted sentences with their ids, or the reason there are none. */
export function renderSummaryText(summary: Summary): string {
  if (summary.citations.length === 0) return `${summary.text}\n`;
  return `${summary.citations.map((c) => `[${c.id}] ${c.text}`).join('\n')}\n`;
}

/** Checks --length / --words values; returns options or a message saying what is wrong. */
export function summaryOptions(length: unknown, words: unknown, topic: unknown): SummaryOptions | string {
  if (length !== undefined && words !== undefined) return 'give either a length or a word budget, not both';
  const options: SummaryOptions = {};
  if (length !== undefined) {
    if (typeof length !== 'string' || !LENGTHS.includes(length as SummaryLength)) return `length must be one of ${LENGTHS.join(', ')}`;
    options.length = length as SummaryLength;
  }
  if (words !== undefined) {
    const n = typeof words === 'string' && words.trim() !== '' ? Number(words) : words;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return 'words must be a whole number, 0 or more';
    options.words = n;
  }
  if (topic !== undefined) {
    if (typeof topic !== 'string') return 'topic must be a string';
    options.topic = topic;
  }
  return options;
}

/** What every summary of a run is made with: the article indexes and the configured answerer. */
interface Summarising {
  indexes: IndexCache;
  answers: AnswerService;
}

/**
 * A topic is found through the article's index (its names in either script, its meaning), as a question is;
 * a chat model, when configured, words the summary as it does in the bot. Otherwise no index is needed.
 */
async function summarise(article: Article, options: SummaryOptions, { indexes, answers }: Summarising): Promise<Summary> {
  const summary =
    answers !== extractiveAnswerService
      ? await answers.summarise(await indexes.openArticle(article), options)
      : options.topic?.trim()
        ? await summariseIndexed(await indexes.openArticle(article), options)
        : summariseArticle(article, options);
  // The invariant is checked where quotes leave the program.
  for (const citation of summary.citations) assertExactQuote(article.text, citation);
  return summary;
}

interface SummaryLine {
  id?: string;
  article?: string;
  options: SummaryOptions;
}

function validateLine(record: Record<string, unknown>): SummaryLine | string {
  const id = record.id;
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return '"id" must be a string or a number';
  const article = record.article ?? undefined;
  if (article !== undefined && typeof article !== 'string') return '"article" must be a file path (a string)';
  const options = summaryOptions(record.length ?? undefined, record.words ?? undefined, record.topic ?? undefined);
  if (typeof options === 'string') return options;
  const lineId = idOf(record);
  return { ...(lineId === undefined ? {} : { id: lineId }), ...(article === undefined ? {} : { article }), options };
}

/** Loads each article once per run; a failure is remembered as its message. */
class ArticleCache {
  private readonly articles = new Map<string, Article | string>();
  load(path: string): Article | string {
    const key = resolve(path);
    let entry = this.articles.get(key);
    if (entry === undefined) {
      try {
        entry = loadArticle(path);
      } catch (error) {
        if (!(error instanceof ArticleError)) throw error;
        entry = error.message;
      }
      this.articles.set(key, entry);
    }
    return entry;
  }
}

async function runBatch(batchPath: string, defaultArticle: string, summarising: Summarising, out: CommandOutput): Promise<number> {
  const articles = new ArticleCache();
  for (const line of parseJsonLines(readBatchFile(batchPath), validateLine)) {
    let failure: string;
    const id = 'value' in line ? line.value.id : line.id;
    if ('value' in line) {
      const path = line.value.article ?? defaultArticle;
      const article = articles.load(path);
      if (typeof article !== 'string') {
        out.stdout(jsonLine(summaryRecord(article, await summarise(article, line.value.options, summarising), id)));
        continue;
      }
      failure = `line ${line.line}: ${article}`;
    } else {
      failure = line.error;
    }
    out.stdout(jsonLine({ ...(id === undefined ? {} : { id }), line: line.line, error: failure }));
    out.stderr(`warning: ${failure}\n`);
  }
  return 0;
}

async function main(args: string[], out: CommandOutput): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    out.stdout(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}"; a topic goes after --topic.`);
  // the same settings as the bot (.env included): its article, index folder, embedder and chat model
  const settings = readSettings();
  log.level = settings.bot.LOG_LEVEL;
  const articlePath = values.article ?? settings.bot.ARTICLE_PATH;
  if (values['article-id'] !== undefined && (values.article !== undefined || values.batch !== undefined)) {
    throw new UsageError('Give --article-id or --article (or --batch), not both.');
  }
  if (values.batch !== undefined) {
    if (values.length !== undefined || values.words !== undefined || values.topic !== undefined) {
      throw new UsageError('With --batch, lengths, word budgets and topics go in the batch lines.');
    }
  }
  const options = values.batch === undefined ? summaryOptions(values.length, values.words, values.topic) : {};
  if (typeof options === 'string') throw new UsageError(`${options.charAt(0).toUpperCase()}${options.slice(1)}.`);
  const indexes = new IndexCache(indexDirOf(settings.bot), settings.embeddings);
  const summarising = { indexes, answers: await answerServiceFor(settings.llm, log) };
  try {
    if (values.batch !== undefined) return await runBatch(values.batch, articlePath, summarising, out);
    const { entry, article } = values['article-id'] === undefined ? { entry: undefined, article: loadArticle(articlePath) } : await libraryArticle(values['article-id']);
    const summary = await summarise(article, options, summarising);
    // a library article is named first, as the bot's summaries name it
    const named = namedArticles(entry ? [entry] : []);
    const record = { ...summaryRecord(article, summary), ...(entry ? { articles: named.records } : {}) };
    out.stdout(values.json ? jsonLine(record) : named.text + renderSummaryText(summary));
    return 0;
  } finally {
    await indexes.close();
  }
}

/** Runs the summary command with its arguments (without the program name) and returns the exit status. */
export function runSummary(args: string[], out: CommandOutput = processOutput): Promise<number> {
  const safe = terminalOutput(out);
  return runCommand(() => main(args, safe), [ArticleError, ConfigError, LibraryError, DamagedFileError], safe);
}

