// The sandbox page's own server: the static page, a server-sent event stream of what happens in
// the channel, and POST routes that turn what a person types or clicks (a button, an app on a
// message) into real gateway events for the bot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_PAGE_DIR } from '../paths.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DiscordServer, StoredMessage, ThreadRecord } from '../emulator/discord-server.ts';
import { readBody } from '../emulator/http-body.ts';
import { autocompleteRequest, parseInput, type CommandDefinition } from './input.ts';
import { messageView, threadView, userViews } from './view.ts';

export interface SandboxWeb {
  url: string;
  close(): Promise<void>;
}

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

const SECURITY_HEADERS = {
  // Nothing from elsewhere, no inline script: the page works offline and typed text stays text.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const MAX_INPUT_BYTES = 64 * 1024;

/** What was typed for each command: an earlier run's, and where to keep new ones. */
export interface TypedCommands {
  earlier: Iterable<[string, string]>;
  save(interactionId: string, text: string): void;
}

export async function startSandboxWeb(
  discord: DiscordServer,
  options: { host: string; port: number; typed?: TypedCommands },
): Promise<SandboxWeb> {
  const assets = new Map(
    Object.entries(ASSETS).map(([path, asset]) => [
      path,
      { body: readFileSync(join(SANDBOX_PAGE_DIR, asset.file)), type: asset.type },
    ]),
  );
  const streams = new Set<ServerResponse>();
  // What was typed for each slash command, so a reloaded page still shows "layla used /ask ...".
  const typedCommands = new Map<string, string>(options.typed?.earlier ?? []);
  const loopback = isLoopback(options.host);

  const broadcast = (event: string, data: unknown): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  const onMessage = (m: StoredMessage): void => broadcast('message', messageView(discord, m));
  const onDelete = (m: StoredMessage): void => broadcast('delete', { id: m.id, channelId: m.channelId });
  const onThread = (t: ThreadRecord): void => broadcast('thread', threadView(t));
  discord.events.on('messageCreate', onMessage);
  discord.events.on('messageUpdate', onMessage);
  discord.events.on('messageDelete', onDelete);
  discord.events.on('threadCreate', onThread);
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  keepAlive.unref();

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
    if (loopback && !hostAllowed(request.headers.host)) {
      // A loopback-only page answers only to loopback names (no DNS rebinding).
      return send(response, 421, { error: 'Misdirected request' });
    }
    const asset = assets.get(url.pathname);
    if (request.method === 'GET' && asset) {
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type });
      response.end(asset.body);
      return;
    }
    if (request.method === 'GET' && url.pathname === '/events') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
      const data = { ...snapshot(discord), typed: [...typedCommands] };
      response.write(`event: snapshot\ndata: ${JSON.stringify(data)}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST' && ['/input', '/press', '/autocomplete', '/apps'].includes(url.pathname)) {
      // JSON only: a cross-site form cannot send it without a preflight this server never grants.
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(response, 415, { error: 'JSON expected' });
      }
      const body = await readJson(request);
      if (!body) return send(response, 400, { error: 'Bad request' });
      if (url.pathname === '/press') return send(response, 200, await pressed(discord, body));
      if (url.pathname === '/apps') return send(response, 200, await appOnMessage(discord, body));
      if (url.pathname === '/autocomplete') return send(response, 200, await suggestions(discord, body));
      const result = await typed(discord, body);
      if (result.interactionId) {
        typedCommands.set(result.interactionId, String(body.text).trim());
        options.typed?.save(result.interactionId, String(body.text).trim());
        if (typedCommands.size > 1_000) typedCommands.delete(typedCommands.keys().next().value ?? '');
      }
      return send(response, 200, result);
    }
    send(response, 404, { error: 'Not found' });
  };

  const http: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: (error as Error).message }));
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`,
    async close() {
      clearInterval(keepAlive);
      discord.events.off('messageCreate', onMessage);
      discord.events.off('messageUpdate', onMessage);
      discord.events.off('messageDelete', onDelete);
      discord.events.off('threadCreate', onThread);
      for (const stream of streams) stream.end();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function snapshot(discord: DiscordServer) {
  const bot = discord.users().find((u) => u.id === discord.botUserId);
  return {
    me: discord.userId,
    botId: discord.botUserId,
    botName: bot?.globalName ?? bot?.username ?? 'bot',
    channel: { id: discord.channelId, name: 'general' },
    messageApps: messageCommandNames(discord),
    users: userViews(discord),
    threads: discord.threads().map(threadView),
    messages: [discord.channelId, ...discord.threads().map((t) => t.id)].flatMap((id) =>
      discord.messagesIn(id).map((m) => messageView(discord, m)),
    ),
  };
}

async function typed(
  discord: DiscordServer,
  body: Record<string, unknown>,
): Promise<{ notice?: string; interactionId?: string }> {
  const text = typeof body.text === 'string' ? body.text : '';
  const channelId = typeof body.channelId === 'string' ? body.channelId : discord.channelId;
  if (channelId !== discord.channelId && !discord.threads().some((t) => t.id === channelId)) {
    return { notice: 'That channel does not exist.' };
  }
  const action = parseInput(text, commandDefinitions(discord));
  try {
    switch (action.kind) {
      case 'nothing':
        return {};
      case 'notice':
        return { notice: action.text };
      case 'command':
        const sent = await discord.sendSlashCommand({ name: action.name, options: action.options, channelId });
        return { interactionId: sent.interactionId };
      case 'message':
        await discord.sendMessage({ content: action.content, mentionBot: action.mentionBot, channelId });
        return action.hint ? { notice: action.hint } : {};
    }
  } catch (error) {
    return { notice: (error as Error).message };
  }
}

function registeredCommands(discord: DiscordServer): { name: string; type?: number }[] {
  const { guild, global } = discord.commands();
  return [...guild, ...global.filter((g) => !guild.some((c) => c.name === g.name))];
}

/** Slash commands: what can be typed after "/". */
function commandDefinitions(discord: DiscordServer): CommandDefinition[] {
  return registeredCommands(discord).filter((c) => (c.type ?? 1) === 1) as unknown as CommandDefinition[];
}

/** Message commands: what the page offers on a message, as Discord's right-click > Apps does. */
function messageCommandNames(discord: DiscordServer): string[] {
  return registeredCommands(discord).filter((c) => c.type === 3).map((c) => c.name);
}

async function appOnMessage(discord: DiscordServer, body: Record<string, unknown>): Promise<{ notice?: string; interactionId?: string }> {
  const name = String(body.name ?? '');
  if (!messageCommandNames(discord).includes(name)) return { notice: `There is no app "${name.slice(0, 40)}" on messages.` };
  try {
    const sent = await discord.sendMessageCommand({ name, messageId: String(body.messageId ?? '') });
    return { interactionId: sent.interactionId };
  } catch (error) {
    return { notice: (error as Error).message };
  }
}

async function suggestions(
  discord: DiscordServer,
  body: Record<string, unknown>,
): Promise<{ choices: { name: string; value: string | number }[] }> {
  const request = autocompleteRequest(typeof body.text === 'string' ? body.text : '', commandDefinitions(discord));
  if (!request) return { choices: [] };
  try {
    const { choices } = await discord.sendAutocomplete({ ...request, timeoutMs: 2_000 });
    return { choices };
  } catch {
    return { choices: [] };
  }
}

async function pressed(discord: DiscordServer, body: Record<string, unknown>): Promise<{ notice?: string }> {
  try {
    await discord.sendButton({ customId: String(body.customId ?? ''), messageId: String(body.messageId ?? '') });
    return {};
  } catch (error) {
    return { notice: (error as Error).message };
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** A JSON object, or undefined for anything else (too large, not JSON, not an object). */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const parsed = await readBody(request, MAX_INPUT_BYTES).catch(() => undefined);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const name = hostHeader.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return isLoopback(name);
}
