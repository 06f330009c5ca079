// A local Discord-compatible server: REST under /api, a gateway over WebSocket and a CDN lookalike
// for attachments, playing one guild with its text channels, roles, a bot and some people. The real
// discord.js client connects to it with `rest: { api: server.apiUrl }`; tests and the sandbox page
// act as the people.
//
//   const server = await startDiscordServer();
//   // bot: DISCORD_API_URL=server.apiUrl, DISCORD_TOKEN=server.token, DISCORD_GUILD_ID=server.guildId
//   await server.waitForBot();
//   const { token } = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: '...' }] });
//   const edit = await server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(token));
//
// As on Discord: only the exact token is accepted; MESSAGE_CREATE needs the GuildMessages intent
// and carries content only with MessageContent (or when the bot is mentioned); an interaction must
// be answered within 3 s and only once; threads are listed in GUILD_CREATE after a reconnect;
// attachment urls are signed and served without the bot token; a modal is submitted once.
// discord.js waits 5 s between IDENTIFYs; clients that restart often in tests can pass
// `ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) }`.
import { createServer, type Server } from 'node:http';
import type { APIMessage, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { AddressInfo } from 'node:net';
import { ServerContext, type ServerEvents, type Settings } from './context.ts';
import { Gateway } from './gateway.ts';
import { Interactions, type InjectedInteraction, type OptionInput } from './interactions.ts';
import { RestApi, type RecordedRequest } from './rest.ts';
import { serveAttachment } from './routes/attachments.ts';
import { World, type ChannelRecord, type CommandRecord, type SavedWorld, type StoredMessage, type ThreadRecord, type UserRecord, type WorldIds } from './state.ts';

export type { RecordedRequest } from './rest.ts';
export type { StoredMessage, ThreadRecord, UserRecord, CommandRecord, SavedWorld, WorldIds, ChannelRecord } from './state.ts';
export type { AttachmentInput, AttachmentOptionInput, CommandOptionInput, InjectedInteraction, OptionInput } from './interactions.ts';
export { buttonIds } from './interactions.ts';

export interface DiscordServerOptions {
  port?: number;
  host?: string;
  /** Gateway heartbeat interval sent in HELLO (Discord: 41,250 ms). */
  heartbeatIntervalMs?: number;
  /** Deadline for the first interaction callback (Discord: 3,000 ms). */
  interactionDeadlineMs?: number;
  /** Retry-After of injected 429s, in seconds. */
  retryAfterSeconds?: number;
  /** Latency added to each POST of a channel message (Discord keeps bots to about 50 a second). */
  channelPostDelayMs?: number;
  /** Continue a world an earlier run saved (the sandbox's history): same ids, same conversation. */
  saved?: SavedWorld;
}

export interface SlashCommandInput {
  name: string;
  /** Nests the options under this subcommand (a SUB_COMMAND option), as Discord does. */
  subcommand?: string;
  /** And that subcommand under this group (a SUB_COMMAND_GROUP option). */
  subcommandGroup?: string;
  /** Values, or `{ name, attachment: { filename, content, contentType? } }` for an ATTACHMENT option. */
  options?: OptionInput[];
  userId?: string;
  channelId?: string;
  /** Pretend the command was issued this long ago; 16 minutes gives an expired token. */
  ageMs?: number;
  /** An id that is not a snowflake, as a hostile client or proxy could send (Discord never does). */
  forgedId?: string;
}

export interface DiscordServer {
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  botUserId: string;
  guildId: string;
  channelId: string;
  /** The first person; more can be added with addUser. */
  userId: string;
  /** What makes a restart continue this world (see the saved option). */
  ids: WorldIds;
  requests: RecordedRequest[];
  events: ServerContext['events'];
  users(): UserRecord[];
  /**
   * A person; `permissions` is what interactions report in member.permissions (default: all), which
   * discord.js gives as interaction.memberPermissions. (discord.js's GuildMember#permissions is
   * computed from cached roles instead: all for the owner, the @everyone role's for others.)
   */
  addUser(username: string, options?: { permissions?: bigint; roles?: string[] }): UserRecord;
  /** A guild text channel (CHANNEL_CREATE) of the first guild or another; returns its id. Discord-style name: lower case, dashes for spaces. */
  addChannel(name: string, options?: { guildId?: string }): string;
  /** Another guild the bot is in (GUILD_CREATE), with its own #general; the same people are its members. */
  addGuild(name: string): { guildId: string; channelId: string };
  /** The guild's text channels, the first one first (what a saved world's `channels` keeps, less the first). */
  channels(): ChannelRecord[];
  /** A guild role without permissions (GUILD_ROLE_CREATE); returns its id, for addUser's roles. */
  addRole(name: string): string;
  /** Resolves with the first request, already recorded or still to come, that matches. */
  waitForRequest(
    predicate: (r: RecordedRequest) => boolean,
    timeoutMs?: number,
    options?: { after?: number },
  ): Promise<RecordedRequest>;
  /** Resolves with the first stored message, already there or still to come, that matches. */
  waitForMessage(predicate: (m: StoredMessage) => boolean, timeoutMs?: number): Promise<StoredMessage>;
  /** The shard ids of the gateway sessions (one per bot process when sharded). */
  gatewayShards(): number[];
  /** Resolves once a client has identified (or resumed) on the gateway. */
  waitForBot(timeoutMs?: number): Promise<void>;
  sendSlashCommand(input: SlashCommandInput): Promise<InjectedInteraction>;
  /** Sends an autocomplete interaction and resolves with the choices the client answered. */
  sendAutocomplete(input: {
    name: string;
    subcommand?: string;
    subcommandGroup?: string;
    focused: string;
    options: OptionInput[];
    userId?: string;
    channelId?: string;
    timeoutMs?: number;
  }): Promise<InjectedInteraction & { choices: { name: string; value: string | number }[] }>;
  sendButton(input: { customId: string; messageId: string; userId?: string; ageMs?: number }): Promise<InjectedInteraction>;
  /** The modal the client opened in answer to an interaction (callback type 9), if any. */
  modalFor(interactionId: string): APIModalInteractionResponseCallbackData | undefined;
  /** Resolves with the modal the client opens in answer to an interaction, already or still to come. */
  waitForModal(interactionId: string, timeoutMs?: number): Promise<APIModalInteractionResponseCallbackData>;
  /**
   * A person submits a modal (MODAL_SUBMIT). With a modal opened under `customId`, the data takes
   * its layout and checks `values` against its fields; person and channel default to its opener's.
   */
  submitModal(input: { customId: string; values: Record<string, string>; userId?: string; channelId?: string }): Promise<InjectedInteraction>;
  /** Runs a message command (right-click a message > Apps) on a stored message. */
  sendMessageCommand(input: { name: string; messageId: string; userId?: string }): Promise<InjectedInteraction>;
  sendMessage(input: {
    content: string;
    channelId?: string;
    userId?: string;
    mentionBot?: boolean;
    replyTo?: string;
  }): Promise<StoredMessage>;
  /** Messages in a channel or thread, oldest first; includeThreads adds those in its threads. */
  messagesIn(channelId: string, options?: { includeThreads?: boolean }): StoredMessage[];
  message(id: string): StoredMessage | undefined;
  /** The API shape of a stored message, as a client would receive it. */
  apiMessage(message: StoredMessage): APIMessage;
  threads(): ThreadRecord[];
  commands(): { global: CommandRecord[]; guild: CommandRecord[] };
  failNext(match: { method?: string; route?: RegExp }, status: 429 | 500 | 403 | 401, count?: number): void;
  /** Drops every injected failure still waiting (an outage ends). */
  clearFaults(): void;
  denyThreadCreation(on: boolean): void;
  /** Closes the gateway sockets; with resumable (default) the session survives for a RESUME. */
  dropGatewayConnection(options?: { resumable?: boolean }): void;
  /** Closes the gateway sockets with a close code (4004: authentication failed) and ends their sessions. */
  closeGateway(code: number, reason?: string): void;
  close(): Promise<void>;
}

export async function startDiscordServer(options: DiscordServerOptions = {}): Promise<DiscordServer> {
  const world = new World(options.saved);
  const firstUser = world.addUser('layla', options.saved?.ids.personId);
  const settings: Settings = {
    denyThreadCreation: false,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3_000,
    interactionTokenLifetimeMs: 15 * 60_000,
    retryAfterSeconds: options.retryAfterSeconds ?? 0.05,
    ...(options.channelPostDelayMs ? { channelPostDelayMs: options.channelPostDelayMs } : {}),
  };
  const gateway = new Gateway(world, { heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250 });
  const ctx = new ServerContext(world, gateway, settings);
  const interactions = new Interactions(ctx);
  const rest = new RestApi(ctx, interactions);

  const http: Server = createServer((request, response) => {
    if ((request.url ?? '').startsWith('/api/') || request.url === '/api') {
      void rest.handle(request, response);
      return;
    }
    if (serveAttachment(world, request, response)) return;
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: '404: Not Found', code: 0 }));
  });
  http.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').startsWith('/gateway')) gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const origin = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const apiUrl = `http://${origin}/api`;
  const gatewayUrl = `ws://${origin}/gateway`;
  gateway.url = gatewayUrl;
  ctx.origin = `http://${origin}`;
  rest.gatewayUrl = gatewayUrl;

  const userOf = (id: string | undefined): string => world.user(id ?? firstUser.id).id;
  const requireBot = (): void => {
    if (!gateway.hasSession) throw new Error('No bot is connected to the local Discord server yet (waitForBot first)');
  };

  return {
    apiUrl,
    gatewayUrl,
    token: world.token,
    applicationId: world.applicationId,
    botUserId: world.bot.id,
    guildId: world.guildId,
    channelId: world.channelId,
    userId: firstUser.id,
    ids: {
      applicationId: world.applicationId,
      guildId: world.guildId,
      channelId: world.channelId,
      botRoleId: world.botRoleId,
      botId: world.bot.id,
      personId: firstUser.id,
    },
    requests: rest.requests,
    events: ctx.events,
    users: () => [...world.users.values()],
    addUser: (username, userOptions) => world.addUser(username, undefined, userOptions),
    addChannel(name, channelOptions = {}) {
      const channel = world.addChannel(name, channelOptions.guildId);
      ctx.channelCreated(channel);
      return channel.id;
    },
    addGuild(name) {
      const { guildId, channel } = world.addGuild(name);
      ctx.guildAdded(guildId);
      return { guildId, channelId: channel.id };
    },
    channels: () => [...world.channels.values()],
    addRole(name) {
      const role = world.addRole(name);
      ctx.roleCreated(role);
      return role.id;
    },

    waitForRequest(predicate, timeoutMs = 5_000, { after = -Infinity } = {}) {
      const matches = (r: RecordedRequest): boolean => r.at >= after && predicate(r);
      const found = rest.requests.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`No matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = rest.onRequest((r) => {
          if (!matches(r)) return;
          clearTimeout(timer);
          stop();
          resolve(r);
        });
      });
    },

    waitForMessage(predicate, timeoutMs = 5_000) {
      const found = [...world.messages.values()].find((m) => !m.deleted && predicate(m));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = (m: StoredMessage): void => {
          if (m.deleted || !predicate(m)) return;
          stop();
          resolve(m);
        };
        const stop = (): void => {
          clearTimeout(timer);
          ctx.events.off('messageCreate', check);
          ctx.events.off('messageUpdate', check);
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`No matching message within ${timeoutMs} ms`));
        }, timeoutMs);
        ctx.events.on('messageCreate', check);
        ctx.events.on('messageUpdate', check);
      });
    },

    waitForBot: (timeoutMs = 10_000) => gateway.waitForSession(timeoutMs),
    gatewayShards: () => gateway.shards(),

    async sendSlashCommand(input) {
      requireBot();
      return interactions.slashCommand({
        name: input.name,
        ...(input.subcommandGroup !== undefined && { subcommandGroup: input.subcommandGroup }),
        ...(input.subcommand !== undefined && { subcommand: input.subcommand }),
        ...(input.options && { options: input.options }),
        userId: userOf(input.userId),
        channelId: input.channelId ?? world.channelId,
        ...(input.ageMs !== undefined && { ageMs: input.ageMs }),
        ...(input.forgedId !== undefined && { forgedId: input.forgedId }),
      });
    },

    async sendMessageCommand(input) {
      requireBot();
      return interactions.messageCommand({ name: input.name, messageId: input.messageId, userId: userOf(input.userId) });
    },

    async sendAutocomplete(input) {
      requireBot();
      const injected = interactions.autocomplete({
        name: input.name,
        ...(input.subcommandGroup !== undefined && { subcommandGroup: input.subcommandGroup }),
        ...(input.subcommand !== undefined && { subcommand: input.subcommand }),
        focused: input.focused,
        options: input.options,
        userId: userOf(input.userId),
        channelId: input.channelId ?? world.channelId,
      });
      const choices = await new Promise<{ name: string; value: string | number }[]>((resolve, reject) => {
        const timer = setTimeout(() => {
          ctx.events.off('interactionResponse', listener);
          reject(new Error(`No autocomplete result within ${input.timeoutMs ?? 3_000} ms`));
        }, input.timeoutMs ?? 3_000);
        const listener = (r: ServerEvents['interactionResponse'][0]): void => {
          if (r.interactionId !== injected.interactionId) return;
          clearTimeout(timer);
          ctx.events.off('interactionResponse', listener);
          resolve(Array.isArray(r.data.choices) ? (r.data.choices as { name: string; value: string | number }[]) : []);
        };
        ctx.events.on('interactionResponse', listener);
      });
      return { ...injected, choices };
    },

    modalFor: (interactionId) => world.modals.get(interactionId)?.data,

    waitForModal(interactionId, timeoutMs = 5_000) {
      const opened = world.modals.get(interactionId);
      if (opened) return Promise.resolve(opened.data);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          ctx.events.off('interactionResponse', listener);
          reject(new Error(`No modal for interaction ${interactionId} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (r: ServerEvents['interactionResponse'][0]): void => {
          const modal = r.interactionId === interactionId ? world.modals.get(interactionId) : undefined;
          if (!modal) return;
          clearTimeout(timer);
          ctx.events.off('interactionResponse', listener);
          resolve(modal.data);
        };
        ctx.events.on('interactionResponse', listener);
      });
    },

    async submitModal(input) {
      requireBot();
      return interactions.modalSubmit({
        customId: input.customId,
        values: input.values,
        ...(input.userId !== undefined && { userId: userOf(input.userId) }),
        ...(input.channelId !== undefined && { channelId: input.channelId }),
      });
    },

    async sendButton(input) {
      requireBot();
      return interactions.button({
        customId: input.customId,
        messageId: input.messageId,
        userId: userOf(input.userId),
        ...(input.ageMs !== undefined && { ageMs: input.ageMs }),
      });
    },

    async sendMessage(input) {
      requireBot();
      const channelId = input.channelId ?? world.channelId;
      if (!world.isTextChannel(channelId)) throw new Error(`Unknown channel ${channelId}`);
      const content = input.mentionBot ? `<@${world.bot.id}> ${input.content}` : input.content;
      const message = world.createMessage({
        channelId,
        authorId: userOf(input.userId),
        body: { content, ...(input.replyTo && { message_reference: { message_id: input.replyTo } }) },
      });
      ctx.messageCreated(message);
      return message;
    },

    messagesIn(channelId, { includeThreads = false } = {}) {
      if (!includeThreads) return world.messagesIn(channelId);
      const threadIds = new Set([...world.threads.values()].filter((t) => t.parentId === channelId).map((t) => t.id));
      return [...world.messages.values()].filter(
        (m) => !m.deleted && (m.channelId === channelId || threadIds.has(m.channelId)),
      );
    },
    message: (id) => world.messages.get(id),
    apiMessage: (message) => world.apiMessage(message),
    threads: () => [...world.threads.values()],
    commands: () => ({ global: world.globalCommands, guild: world.guildCommands }),

    failNext(match, status, count = 1) {
      rest.failures.push({ ...match, status, remaining: count });
    },
    clearFaults() {
      rest.failures.length = 0;
    },
    denyThreadCreation(on) {
      settings.denyThreadCreation = on;
    },
    dropGatewayConnection(dropOptions = {}) {
      gateway.drop({ resumable: dropOptions.resumable ?? true });
    },
    closeGateway(code, reason = 'Closed by the test') {
      gateway.drop({ resumable: false, code, reason });
    },

    async close() {
      await gateway.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

