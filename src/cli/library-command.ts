// The library command: the articles the bot can answer about, added from files, listed and removed
// (entry point: library.ts). Ask one with `npm run ask -- --article-id A2 "…"`.
import { ConfigError } from '../config.ts';
import { LibraryError, openLibrary, type Added, type Library } from '../library/library.ts';
import { codePointName, describeRemoved } from '../text/controls.ts';
import { openLibraryStore } from '../library/open-store.ts';
import type { LibraryEntry } from '../library/store.ts';
import { readSettings } from '../settings.ts';
import { ArticleError, type Article } from '../text/article.ts';
import { parseCommandLine, processOutput, runCommand, UsageError, type CommandOutput } from './args.ts';
import { terminalOutput } from './terminal.ts';
import { describeArticle, jsonLine } from './output.ts';

const USAGE = `The article library: the articles the bot can answer about.

Usage:
  npm run library -- list [--json] [--removed]
  npm run library -- add FILE [--title TEXT] [--outlet TEXT] [--date TEXT] [--url URL] [--json]
  npm run library -- add-url URL [--yes] [--json]   shows what was found; --yes adds it
  npm run library -- remove ID
  npm run ask -- --article-id A2 "…"         asks one article of the library (\`all\`: the whole library)
  npm run summary -- --article-id A2         summarises one

The library lives in DATA_DIR/library.sqlite; a new library starts with ARTICLE_PATH as A1. Texts are
stored byte for byte: what is quoted later is exactly what was added. The same text added twice is one
article. A removed article is never quoted again; its id is not reused.
`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  removed: { type: 'boolean', default: false },
  title: { type: 'string' },
  outlet: { type: 'string' },
  date: { type: 'string' },
  url: { type: 'string' },
  yes: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function openConfiguredLibrary(): Promise<Library> {
  const { bot } = readSettings();
  return openLibrary({ dataDir: bot.DATA_DIR, seedArticlePath: bot.ARTICLE_PATH, store: await openLibraryStore(bot) });
}

/** One article of the configured library, ready to index; LibraryError for an unknown or removed id. */
export async function libraryArticle(id: string): Promise<{ entry: LibraryEntry; article: Article }> {
  const library = await openConfiguredLibrary();
  try {
    return await library.article(id);
  } catch (error) {
    if (error instanceof LibraryError) throw new LibraryError(`${error.message} \`npm run library -- list\` shows them.`);
    throw error;
  } finally {
    await library.close();
  }
}

async function main(args: string[], out: CommandOutput): Promise<number> {
  const { values, positionals } = parseCommandLine({ args, options: OPTIONS, allowPositionals: true, strict: true });
  const [action, ...rest] = positionals;
  if (values.help || action === undefined) {
    out.stdout(USAGE);
    return action === undefined && !values.help ? 2 : 0;
  }
  const library = await openConfiguredLibrary();
  try {
    if (action === 'list') {
      const entries = await library.store.list({ includeRemoved: values.removed });
      out.stdout(values.json ? jsonLine(entries) : `${entries.map(describeArticle).join('\n')}\n`);
      return 0;
    }
    if (action === 'add') {
      if (rest.length !== 1) throw new UsageError('Give one article file: npm run library -- add article.txt');
      const result = await library.addFile(rest[0]!, { title: values.title, outlet: values.outlet, published: values.date, url: values.url });
      out.stdout(addedOutput(result, values.json));
      return 0;
    }
    if (action === 'add-url') {
      if (rest.length !== 1) throw new UsageError('Give one web address: npm run library -- add-url https://…');
      const { articleFromUrl, stopPageWorkers } = await import('../library/from-url.ts');
      const allowPrivate = readSettings().bot.LIBRARY_ALLOW_PRIVATE_URLS;
      const page = await articleFromUrl(rest[0]!, allowPrivate ? { allowPrivate } : {}).finally(stopPageWorkers);
      if (!values.yes) {
        const lines = page.text.split('\n').slice(1, 4).map((line) => `  ${line.slice(0, 160)}`);
        const preview = [`Found: ${page.title}`, `  ${[page.outlet, page.published].filter(Boolean).join(' · ')}`, ...lines, 'Run again with --yes to add it.'];
        out.stdout(values.json ? jsonLine({ ...page, added: false }) : `${preview.join('\n')}\n`);
        return 0;
      }
      const result = await library.addText(page.text, { title: page.title, outlet: page.outlet, published: page.published, url: page.url }, 'That page');
      out.stdout(addedOutput(result, values.json));
      return 0;
    }
    if (action === 'remove') {
      if (rest.length !== 1) throw new UsageError('Give the id of the article to remove: npm run library -- remove A2');
      const entry = await library.store.get(rest[0]!);
      if (!(await library.store.remove(rest[0]!))) throw new LibraryError(`There is no article "${rest[0]!.slice(0, 40)}" to remove; \`npm run library -- list\` shows them.`);
      out.stdout(`Removed: ${entry ? describeArticle({ ...entry, removedAt: undefined }) : rest[0]} (it will not be quoted again)\n`);
      return 0;
    }
    throw new UsageError(`Unknown action "${action.slice(0, 20)}": use list, add, add-url or remove.`);
  } finally {
    await library.close();
  }
}

/** The added article's line, and what was removed from its text (as code points in JSON). */
function addedOutput({ entry, added, removed }: Added, json: boolean): string {
  if (json) return jsonLine({ ...entry, added, removed: removed.map((r) => ({ codePoint: codePointName(r.char), count: r.count })) });
  const note = describeRemoved(removed);
  return `${added ? 'Added' : 'Already in the library'}: ${describeArticle(entry)}\n${note ? `${note}\n` : ''}`;
}

/** Runs the library command with its arguments (without the program name) and returns the exit status. */
export function runLibrary(args: string[], out: CommandOutput = processOutput): Promise<number> {
  const safe = terminalOutput(out);
  return runCommand(() => main(args, safe), [ArticleError, LibraryError, ConfigError], safe);
}
