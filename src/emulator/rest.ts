// The REST half of the local Discord server: the routes discord.js uses for bots, with
// authentication, injected faults (429/500/403/401) and a record of every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, unknown, type ServerContext } from './context.ts';
import { readBody } from './http-body.ts';
import type { Interactions } from './interactions.ts';
import { snowflake } from './snowflake.ts';
import { ChannelType, MessageFlag, type CommandRecord, type Json } from './state.ts';
import { validateMessageBody, validateThreadName } from './validate.ts';

export interface RecordedRequest {
  method: string;
  /** Decoded path after /api/vN, e.g. '/webhooks/APP/TOKEN/messages/@original'. */
  route: string;
  query: Record<string, string>;
  /** The JSON body, or the payload_json of a multipart body. */
  body: unknown;
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface FailureRule {
  method?: string;
  route?: RegExp;
  status: 429 | 500 | 403 | 401;
  remaining: number;
}

interface Call {
  method: string;
  params: string[];
  query: Record<string, string>;
  body: Json;
}

type Result = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (call: Call) => Result | Promise<Result>;

const ok = (body: unknown): Result => ({ status: 200, body });
const noContent: Result = { status: 204 };

export class RestApi {
  readonly requests: RecordedRequest[] = [];
  readonly failures: FailureRule[] = [];
  /** channel:nonce -> message id, for enforce_nonce. */
  private readonly nonces = new Map<string, string>();
  private readonly routes: { method: string; pattern: RegExp; auth: boolean; handler: Handler }[] = [];
  private readonly listeners = new Set<(request: RecordedRequest) => void>();
  gatewayUrl = '';

  constructor(
    private readonly ctx: ServerContext,
    private readonly interactions: Interactions,
  ) {
    this.defineRoutes();
  }

  onRequest(listener: (request: RecordedRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    const route = safeDecode(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown;
    let result: Result;
    try {
      body = await readBody(request);
      const delay = this.ctx.settings.channelPostDelayMs;
      if (delay && method === 'POST' && /^\/channels\/\d+\/messages$/.test(route)) await new Promise((r) => setTimeout(r, delay));
      result = await this.route(method, route, query, body, request.headers.authorization);
    } catch (error) {
      result =
        error instanceof ApiError
          ? { status: error.status, body: error.body, headers: error.headers }
          : { status: 400, body: { message: `400: Bad Request (${(error as Error).message})`, code: 0 } };
    }
    const recorded: RecordedRequest = { method, route, query, body: body ?? null, status: result.status, at };
    this.requests.push(recorded);
    for (const listener of [...this.listeners]) listener(recorded);
    const headers: Record<string, string> = { ...result.headers };
    if (result.body !== undefined) headers['content-type'] = 'application/json';
    response.writeHead(result.status, headers);
    response.end(result.body === undefined ? undefined : JSON.stringify(result.body));
  }

  private async route(
    method: string,
    path: string,
    query: Record<string, string>,
    rawBody: unknown,
    authorization: string | undefined,
  ): Promise<Result> {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.auth && authorization !== `Bot ${this.ctx.world.token}`) {
        return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      }
      const failure = this.takeFailure(method, path);
      if (failure) return failure;
      const body = (rawBody && typeof rawBody === 'object' ? rawBody : {}) as Json;
      return route.handler({ method, params: match.slice(1), query, body });
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private takeFailure(method: string, path: string): Result | null {
    const rule = this.failures.find(
      (f) => f.remaining > 0 && (!f.method || f.method.toUpperCase() === method) && (!f.route || f.route.test(path)),
    );
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining === 0) this.failures.splice(this.failures.indexOf(rule), 1);
    if (rule.status === 429) {
      const after = this.ctx.settings.retryAfterSeconds;
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: after, global: false },
        headers: {
          'retry-after': String(after),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(after),
          'x-ratelimit-bucket': 'sandbox-bucket',
          'x-ratelimit-scope': 'user',
        },
      };
    }
    if (rule.status === 403) return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
    if (rule.status === 401) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
  }

  private on(method: string, pattern: string, handler: Handler, auth = true): void {
    const regex = new RegExp(`^${pattern.replace(/:[a-z]+/g, '([^/]+)')}/?$`);
    this.routes.push({ method, pattern: regex, auth, handler });
  }

  private defineRoutes(): void {
    const { world } = this.ctx;
    const ix = this.interactions;

    this.on('GET', '/gateway', () => ok({ url: this.gatewayUrl }), false);
    this.on('GET', '/gateway/bot', () =>
      ok({
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      }),
    );
    this.on('GET', '/users/@me', () => ok(world.apiUser(world.bot)));
    this.on('GET', '/users/:id', ({ params }) => {
      const user = world.users.get(params[0] ?? '');
      if (!user) throw unknown('User');
      return ok(world.apiUser(user));
    });
    const application = (): Result =>
      ok({
        id: world.applicationId,
        name: world.bot.globalName,
        description: '',
        icon: null,
        bot_public: false,
        bot_require_code_grant: false,
        flags: 0,
        bot: world.apiUser(world.bot),
        owner: world.apiUser([...world.users.values()].find((u) => !u.bot) ?? world.bot),
        verify_key: '0'.repeat(64),
      });
    this.on('GET', '/applications/@me', application);
    this.on('GET', '/oauth2/applications/@me', application);

    // Commands: PUT replaces the whole set, as bulk overwrite does on Discord.
    const commandRoutes = (base: string, scope: 'global' | 'guild'): void => {
      const list = (): CommandRecord[] => (scope === 'global' ? world.globalCommands : world.guildCommands);
      const set = (commands: CommandRecord[]): void => {
        if (scope === 'global') world.globalCommands = commands;
        else world.guildCommands = commands;
      };
      const checkApp = (params: string[]): void => {
        if (params[0] !== world.applicationId) throw new ApiError(403, { message: 'Missing Access', code: 50001 });
        if (scope === 'guild' && params[1] !== world.guildId) throw unknown('Guild');
      };
      this.on('GET', base, ({ params }) => {
        checkApp(params);
        return ok(list());
      });
      this.on('PUT', base, ({ params, body }) => {
        checkApp(params);
        if (!Array.isArray(body)) throw new ApiError(400, { message: 'Invalid Form Body', code: 50035 });
        const commands = (body as Json[]).map((c) => this.commandRecord(c, scope, list()));
        set(commands);
        return ok(commands);
      });
      this.on('POST', base, ({ params, body }) => {
        checkApp(params);
        const command = this.commandRecord(body, scope, list());
        set([...list().filter((c) => c.name !== command.name), command]);
        return { status: 201, body: command };
      });
    };
    commandRoutes('/applications/:app/commands', 'global');
    commandRoutes('/applications/:app/guilds/:guild/commands', 'guild');

    // Guild and channels.
    const guild = (id: string | undefined): void => {
      if (id !== world.guildId) throw unknown('Guild');
    };
    this.on('GET', '/guilds/:guild', ({ params }) => {
      guild(params[0]);
      const { channels: _c, members: _m, threads: _t, ...rest } = world.guildCreate();
      return ok(rest);
    });
    this.on('GET', '/guilds/:guild/channels', ({ params }) => {
      guild(params[0]);
      return ok([...world.channels.keys()].map((id) => world.apiChannel(id)));
    });
    this.on('GET', '/guilds/:guild/threads/active', ({ params }) => {
      guild(params[0]);
      const threads = [...world.threads.values()].filter((t) => !t.archived).map((t) => world.apiThread(t));
      return ok({ threads, members: [] });
    });
    this.on('GET', '/guilds/:guild/members/:user', ({ params }) => {
      guild(params[0]);
      const user = world.users.get(params[1] ?? '');
      if (!user) throw new ApiError(404, { message: 'Unknown Member', code: 10007 });
      return ok(world.apiMember(user));
    });
    const channel = (id: string | undefined): string => {
      if (!id || !world.isTextChannel(id)) throw unknown('Channel');
      return id;
    };
    this.on('GET', '/channels/:channel', ({ params }) => ok(world.apiChannel(channel(params[0]))));
    this.on('POST', '/channels/:channel/typing', ({ params }) => {
      channel(params[0]);
      return noContent;
    });
    this.on('PUT', '/channels/:channel/thread-members/:user', ({ params }) => {
      channel(params[0]);
      return noContent;
    });

    // Messages.
    const message = (channelId: string | undefined, messageId: string | undefined) => {
      const id = channel(channelId);
      const found = world.messages.get(messageId ?? '');
      if (!found || found.deleted || found.channelId !== id || found.flags & MessageFlag.Ephemeral) {
        throw unknown('Message');
      }
      return found;
    };
    this.on('GET', '/channels/:channel/messages', ({ params, query }) => {
      const list = world.messagesIn(channel(params[0])).filter((m) => !(m.flags & MessageFlag.Ephemeral));
      const limit = Math.min(100, Math.max(1, Number(query.limit ?? 50)));
      let chosen = list;
      if (query.after) chosen = list.filter((m) => BigInt(m.id) > BigInt(query.after ?? 0)).slice(0, limit);
      else if (query.before) chosen = list.filter((m) => BigInt(m.id) < BigInt(query.before ?? 0)).slice(-limit);
      else chosen = list.slice(-limit);
      return ok(chosen.reverse().map((m) => world.apiMessage(m)));
    });
    this.on('GET', '/channels/:channel/messages/:message', ({ params }) =>
      ok(world.apiMessage(message(params[0], params[1]))),
    );
    this.on('POST', '/channels/:channel/messages', ({ params, body }) => {
      const id = channel(params[0]);
      validateMessageBody(body, { creating: true });
      const reference = body.message_reference as Json | undefined;
      if (reference?.message_id && !world.messages.get(String(reference.message_id))) {
        throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { message_reference: 'Unknown message' } });
      }
      // As on Discord: with enforce_nonce, a nonce already used in this channel returns that message.
      const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${id}:${String(body.nonce)}` : undefined;
      const earlier = nonceKey ? world.messages.get(this.nonces.get(nonceKey) ?? '') : undefined;
      if (earlier && !earlier.deleted) return ok(world.apiMessage(earlier));
      const created = world.createMessage({ channelId: id, authorId: world.bot.id, body });
      created.flags &= ~MessageFlag.Ephemeral; // only interaction responses can be ephemeral
      if (nonceKey) this.nonces.set(nonceKey, created.id);
      this.ctx.messageCreated(created);
      return ok(world.apiMessage(created));
    });
    this.on('PATCH', '/channels/:channel/messages/:message', ({ params, body }) => {
      const found = message(params[0], params[1]);
      if (found.authorId !== world.bot.id) {
        throw new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
      }
      validateMessageBody(body, { creating: false });
      this.ctx.messageUpdated(world.editMessage(found, body));
      return ok(world.apiMessage(found));
    });
    this.on('DELETE', '/channels/:channel/messages/:message', ({ params }) => {
      this.ctx.messageDeleted(message(params[0], params[1]));
      return noContent;
    });
    this.on('PUT', '/channels/:channel/messages/:message/reactions/:emoji/:user', ({ params }) => {
      message(params[0], params[1]);
      return noContent;
    });

    // Threads: a thread started from a message takes that message's id.
    this.on('POST', '/channels/:channel/messages/:message/threads', ({ params, body }) => {
      const parentId = channel(params[0]);
      if (world.threads.has(parentId)) {
        throw new ApiError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
      }
      const starter = message(parentId, params[1]);
      if (this.ctx.settings.denyThreadCreation) throw new ApiError(403, { message: 'Missing Permissions', code: 50013 });
      if (world.threads.has(starter.id)) {
        throw new ApiError(400, { message: 'A thread has already been created for this message', code: 160004 });
      }
      const thread = world.createThread({
        id: starter.id,
        parentId,
        name: validateThreadName(body.name),
        type: ChannelType.PublicThread,
      });
      this.ctx.threadCreated(thread);
      return { status: 201, body: world.apiThread(thread) };
    });
    this.on('POST', '/channels/:channel/threads', ({ params, body }) => {
      const parentId = channel(params[0]);
      if (world.threads.has(parentId)) {
        throw new ApiError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
      }
      if (this.ctx.settings.denyThreadCreation) throw new ApiError(403, { message: 'Missing Permissions', code: 50013 });
      const type = body.type === ChannelType.PublicThread ? ChannelType.PublicThread : ChannelType.PrivateThread;
      const thread = world.createThread({ parentId, name: validateThreadName(body.name), type });
      this.ctx.threadCreated(thread);
      return { status: 201, body: world.apiThread(thread) };
    });

    // Interactions and their webhooks (authenticated by the interaction token, not the bot token).
    this.on(
      'POST',
      '/interactions/:id/:token/callback',
      ({ params, body, query }) => ix.callback(params[0] ?? '', params[1] ?? '', body, query.with_response === 'true'),
      false,
    );
    this.on(
      'POST',
      '/webhooks/:app/:token',
      ({ params, body, query }) => {
        const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
        const created = ix.followUp(record, body, query.thread_id);
        return query.wait === 'true' ? ok(world.apiMessage(created)) : noContent;
      },
      false,
    );
    this.on(
      'GET',
      '/webhooks/:app/:token/messages/:message',
      ({ params }) => {
        const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
        return ok(world.apiMessage(ix.webhookMessage(record, params[2] ?? '')));
      },
      false,
    );
    this.on(
      'PATCH',
      '/webhooks/:app/:token/messages/:message',
      ({ params, body }) => {
        const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
        const found = ix.webhookMessage(record, params[2] ?? '');
        validateMessageBody(body, { creating: false });
        this.ctx.messageUpdated(world.editMessage(found, body));
        return ok(world.apiMessage(found));
      },
      false,
    );
    this.on(
      'DELETE',
      '/webhooks/:app/:token/messages/:message',
      ({ params }) => {
        const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
        this.ctx.messageDeleted(ix.webhookMessage(record, params[2] ?? ''));
        return noContent;
      },
      false,
    );
  }

  private commandRecord(body: Json, scope: 'global' | 'guild', existing: CommandRecord[]): CommandRecord {
    const name = String(body.name ?? '');
    // Slash command names are lower-case words; user and message commands (types 2, 3) may hold spaces and capitals.
    const contextMenu = body.type === 2 || body.type === 3;
    const valid = contextMenu ? /^[^\n]{1,32}$/u.test(name) && name.trim() === name : /^[-_\p{L}\p{N}]{1,32}$/u.test(name) && name === name.toLowerCase();
    if (!valid) {
      throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { name: 'Invalid command name' } });
    }
    if (typeof body.description === 'string' && [...body.description].length > 100) {
      throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { description: 'Too long' } });
    }
    return {
      type: 1,
      description: '',
      options: [],
      ...body,
      id: existing.find((c) => c.name === name)?.id ?? snowflake(),
      application_id: this.ctx.world.applicationId,
      ...(scope === 'guild' && { guild_id: this.ctx.world.guildId }),
      version: snowflake(),
      name,
    };
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
