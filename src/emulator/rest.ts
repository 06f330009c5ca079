// The REST half of the local Discord server: authentication, injected faults (429/500/403/401) and a
// record of every call, in front of the routes discord.js uses for bots (routes/, one file per resource).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type ServerContext } from './context.ts';
import { readBody } from './http-body.ts';
import type { Interactions } from './interactions.ts';
import type { Json } from './state.ts';
import { defineAppRoutes } from './routes/app.ts';
import { defineGuildRoutes } from './routes/guild.ts';
import { defineInteractionRoutes } from './routes/interactions.ts';
import { defineMessageRoutes } from './routes/messages.ts';
import type { Handler, On, Result } from './routes/route-table.ts';

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


export class RestApi {
  readonly requests: RecordedRequest[] = [];
  readonly failures: FailureRule[] = [];
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
    const on: On = (method, pattern, handler, auth) => this.on(method, pattern, handler, auth);
    defineAppRoutes(on, this.ctx, () => this.gatewayUrl);
    defineGuildRoutes(on, this.ctx);
    defineMessageRoutes(on, this.ctx);
    defineInteractionRoutes(on, this.ctx, this.interactions);
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
