// The library command: the articles the bot can answer about, added from files, listed and removed
// (entry point: library.ts), in the library of one server: --guild, else the home server (DISCORD_GUILD_ID).
// Ask one with `npm run ask -- --article-id A2 "…"`.
import { ConfigError } from '../config.ts';
import { LibraryError, openLibrary, type Added, type GuildLibrary, type Library } from '../library/library.ts';
import { codePointName, describeRemoved } from '../text/controls.ts';
import { DamagedFileError } from '../sqlite-file.ts';
import { openLibraryStore } from '../library/open-store.ts';
import type { LibraryEntry } from '../library/store.ts';
import { readSettings } from '../settings.ts';
import { ArticleError, type Article } from '../text/article.ts';
import { parseCommandLine, processOutput, runCommand, UsageError, type CommandOutput } from './args.ts';
import { terminalOutput } from './terminal.ts';
import { describeArticle, jsonLine } from './output.ts';

const USAGE = `The article library: the articles the bot can answer about.

Usage:
  npm run library -- list [--json] [--removed] [--guild ID]
  npm run library -- add FILE [--title TEXT] [--outlet TEXT] [--date TEXT] [--url URL] [--json] [--guild ID]
  npm run library -- add-url URL [--yes] [--json] [--guild ID]   shows what was found; --yes adds it
  npm run library -- remove ID [--guild ID]
  npm run ask -- --article-id A2 "…"         asks one article of the home server's library (\`all\`: all of it)
  npm run summary -- --article-id A2         summarises one

Every server (guild) has a library of its own, with its own ids; --guild ID acts on that server's, and
without it the home server's (DISCORD_GUILD_ID; '' when unset, which is also the library outside servers).
The library lives in DATA_DIR/library.sqlite (or DATABASE_URL); every server's library starts with
ARTICLE_PATH as A1. Texts are stored byte for byte: what is quoted later is exactly what was added. The
same text added twice to a server is one article. A removed article is never quoted again there; its id is
not reused. An article whose stored text no longer matches its hash is refused until it is added again.
`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  removed: { type: 'boolean', default: false },
  title: { type: 'string' },
  outlet: { type: 'string' },
  date: { type: 'string' },
  url: { type: 'string' },
  yes: { type: 'boolean', default: false },
  guild: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The configured library and the library of one server in it (default: the home server). */
export async function openConfiguredLibrary(guild?: string): Promise<{ library: Library; books: GuildLibrary }> {
  const { bot } = readSettings();
  const homeGuildId = bot.DISCORD_GUILD_ID ?? '';
  const guildId = guild?.trim() ?? homeGuildId;
  if (guildId !== '' && !/^\d{1,20}$/.test(guildId)) throw new UsageError('--guild takes a numeric server id, e.g. 123456789012345678.');
  const library = await openLibrary({
    dataDir: bot.DATA_DIR,
    seedArticlePath: bot.ARTICLE_PATH,
    store: await openLibraryStore(bot),
    homeGuildId,
    onDamage: (line) => process.stderr.write(`${line}\n`),
  });
  try {
    return { library, books: await library.guild(guildId) };
  } catch (error) {
    await library.close();
    throw error;
  }
}

/** One article of the home server's library, ready to index; LibraryError for an unknown, removed or damaged id. */
export async function libraryArticle(id: string): Promise<{ entry: LibraryEntry; article: Article }> {
  const { library, books } = await openConfiguredLibrary();
  try {
    return await books.article(id);
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
  const { library, books } = await openConfiguredLibrary(values.guild);
  try {
    if (action === 'list') {
      const entries = await books.list({ includeRemoved: values.removed });
      out.stdout(values.json ? jsonLine(entries) : `${entries.map(describeArticle).join('\n')}\n`);
      return 0;
    }
    if (action === 'add') {
      if (rest.length !== 1) throw new UsageError('Give one article file: npm run library -- add article.txt');
      const result = await books.addFile(rest[0]!, { title: values.title, outlet: values.outlet, published: values.date, url: values.url });
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
      const result = await books.addText(page.text, { title: page.title, outlet: page.outlet, published: page.published, url: page.url }, 'That page');
      out.stdout(addedOutput(result, values.json));
      return 0;
    }
    if (action === 'remove') {
      if (rest.length !== 1) throw new UsageError('Give the id of the article to remove: npm run library -- remove A2');
      const entry = await books.get(rest[0]!);
      if (!(await books.remove(rest[0]!))) throw new LibraryError(`There is no article "${rest[0]!.slice(0, 40)}" to remove; \`npm run library -- list\` shows them.`);
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
  return runCommand(() => main(args, safe), [ArticleError, LibraryError, ConfigError, DamagedFileError], safe);
}
