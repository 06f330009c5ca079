// The verify command: is a claimed quote really in the article? (entry point: verify.ts)
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config.ts';
import { readSettings } from '../settings.ts';
import { ArticleError, loadArticle } from '../text/article.ts';
import { LibraryError } from '../library/library.ts';
import { DamagedFileError } from '../sqlite-file.ts';
import { libraryArticle } from './library-command.ts';
import { assertExactQuote } from '../qa/citations.ts';
import { MAX_CLAIM_CHARS, MAX_CLAIM_WORDS, verifyQuote, type Verification } from '../verify/verify.ts';
import { strings } from '../strings.ts';
import { parseCommandLine, processOutput, runCommand, USAGE_EXIT, UsageError, type CommandOutput } from './args.ts';
import { terminalOutput } from './terminal.ts';
import { jsonLine } from './output.ts';

const USAGE = `Check whether a quote is really in the article: exact (word for word), close (and what differs), or not found.

Usage:
  npm run verify -- "وتأتي الزيارة في الوقت الذي تحاول فيه الصين وضع نفسها كوسيط سلام"
  npm run verify -- --json "..."
  echo "..." | npm run verify -- -

Options:
  --json              print one JSON object { verdict, spans: [{ id, start, end, text }], diff, differences, similarity }
  --article FILE      the article to check against: a UTF-8 text file, one paragraph per line
                      (default: ARTICLE_PATH from the environment or .env, else articles/xi-putin-visit.ar.txt)
  --article-id ID     an article of the library (\`npm run library -- list\`), e.g. A2
  -                   read the quote from standard input
  -h, --help          show this help

Word for word means after folding what does not change meaning: diacritics, tatweel, alef forms, ى/ي,
ة/ه, whitespace and punctuation, quotation-mark styles.

Exit status: 0 when the quote was checked (whatever the verdict), 1 when the article cannot be used,
2 when the command line or the quote cannot be used (empty, over ${MAX_CLAIM_CHARS.toLocaleString('en')} characters).
`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  article: { type: 'string' },
  'article-id': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const LABELS = { exact: 'exact', close: 'close', 'not-found': 'not in the article' } as const;

export function renderVerificationText(result: Verification): string {
  if (result.problem === 'empty') return 'There is no text to check.\n';
  if (result.problem === 'too-long') return `${strings('en').tooLongToCheck(MAX_CLAIM_CHARS, MAX_CLAIM_WORDS)}\n`;
  if (result.problem === 'other-language') return 'not in the article: I can only check quotes in the article\'s own language.\n';
  // a name written in another script is the same name: said once, with the article's spelling below
  const label = result.transliterated ? 'the same name, as the article writes it' : LABELS[result.verdict];
  const lines = [`${label}${result.spans.length ? ` · ${result.spans.map((s) => `[${s.id}]`).join(' ')}` : ''}`];
  if (result.occurrences && result.occurrences > 1) lines.push(`  (${result.occurrences} times in the article; the first is shown)`);
  for (const d of result.transliterated ? [] : result.differences) {
    const what = d.kind === 'changed' ? `«${d.article}» → «${d.claim}»` : d.kind === 'dropped' ? `«${d.article}»` : `«${d.claim}»`;
    lines.push(`  ${d.subject === 'word' ? '' : `${d.subject} `}${d.kind}: ${what}`);
  }
  for (const span of result.spans) lines.push(`  [${span.id}] ${span.text}`);
  if (result.nearest) {
    lines.push('  the nearest sentence, which is not a match:');
    for (const span of result.nearest) lines.push(`  [${span.id}] ${span.text}`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(args: string[], out: CommandOutput, readStdin: () => string): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    out.stdout(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('No quote given. Example: npm run verify -- "وتأتي الزيارة في الوقت الذي ..."');
  const claim = positionals.length === 1 && positionals[0] === '-' ? readStdin() : positionals.join(' ');
  if (values.article !== undefined && values['article-id'] !== undefined) throw new UsageError('Give --article or --article-id, not both.');
  const { article } =
    values['article-id'] === undefined ? { article: loadArticle(values.article ?? readSettings().bot.ARTICLE_PATH) } : await libraryArticle(values['article-id']);
  const result = verifyQuote(article, claim);
  // The invariant, checked where quotes leave the program.
  for (const span of [...result.spans, ...(result.nearest ?? [])]) assertExactQuote(article.text, span);
  const unusable = result.problem === 'empty' || result.problem === 'too-long';
  // a quote that cannot be checked is an error: said on stderr (JSON still gets its object on stdout)
  if (unusable) out.stderr(`error: ${renderVerificationText(result)}`);
  if (values.json) out.stdout(jsonLine(result));
  else if (!unusable) out.stdout(renderVerificationText(result));
  return unusable ? USAGE_EXIT : 0;
}

/** Runs the verify command with its arguments (without the program name) and returns the exit status. */
export function runVerify(args: string[], out: CommandOutput = processOutput, readStdin = () => readFileSync(0, 'utf8')): Promise<number> {
  const safe = terminalOutput(out);
  return runCommand(() => main(args, safe, readStdin), [ArticleError, ConfigError, LibraryError, DamagedFileError], safe);
}
