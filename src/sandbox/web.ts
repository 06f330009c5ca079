// The sandbox page's own server: the static page, a server-sent event stream of what happens in
// the channels, and POST routes that turn what a person types, attaches or clicks (a button, an app on
// a message, a form's Submit) into real gateway events for the bot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_PAGE_DIR } from '../paths.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttachmentInput, DiscordServer, StoredMessage, ThreadRecord } from '../emulator/discord-server.ts';
import { readBody } from '../emulator/http-body.ts';
import { MAX_ARTICLE_BYTES } from '../text/article.ts';
import { autocompleteRequest, fileCommands, parseInput, type CommandDefinition } from './input.ts';
import { messageView, modalView, threadView, userViews, type ChannelView } from './view.ts';
import type { Example } from './examples.ts';

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
/** A line with a file: the file travels base64-encoded, so a third larger than its bytes. */
const MAX_INPUT_WITH_FILE_BYTES = Math.ceil(MAX_ARTICLE_BYTES / 3) * 4 + MAX_INPUT_BYTES;
const MODAL_CALLBACK = 9;
const ROUTES = ['/input', '/press', '/autocomplete', '/apps', '/modal'];

/** What was typed for each command: an earlier run's, and where to keep new ones. */
export interface TypedCommands {
  earlier: Iterable<[string, string]>;
  save(interactionId: string, text: string): void;
}

export async function startSandboxWeb(
  discord: DiscordServer,
  options: { host: string; port: number; typed?: TypedCommands; examples?: Example[] },
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
  // A form the bot opens (an interaction answered with a modal) appears on the page as a dialog.
  const onResponse = (r: { interactionId: string; type: number; data: Record<string, unknown> }): void => {
    if (r.type === MODAL_CALLBACK) broadcast('modal', modalView(r.interactionId, r.data));
  };
  discord.events.on('messageCreate', onMessage);
  discord.events.on('messageUpdate', onMessage);
  discord.events.on('messageDelete', onDelete);
  discord.events.on('threadCreate', onThread);
  discord.events.on('interactionResponse', onResponse);
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
      const data = { ...snapshot(discord), typed: [...typedCommands], examples: options.examples ?? [] };
      response.write(`event: snapshot\ndata: ${JSON.stringify(data)}\n\n`);
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method === 'POST' && ROUTES.includes(url.pathname)) {
      // JSON only: a cross-site form cannot send it without a preflight this server never grants.
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(response, 415, { error: 'JSON expected' });
      }
      const body = await readJson(request, url.pathname === '/input' ? MAX_INPUT_WITH_FILE_BYTES : MAX_INPUT_BYTES);
      if (body === 'too large') return send(response, 413, { notice: tooLarge() });
      if (!body) return send(response, 400, { error: 'Bad request' });
      if (url.pathname === '/press') return send(response, 200, await pressed(discord, body));
      if (url.pathname === '/apps') return send(response, 200, await appOnMessage(discord, body));
      if (url.pathname === '/autocomplete') return send(response, 200, await suggestions(discord, body));
      if (url.pathname === '/modal') return send(response, 200, await submitted(discord, body));
      const result = await typed(discord, body);
      if (result.interactionId) {
        const shown = typedLine(body);
        typedCommands.set(result.interactionId, shown);
        options.typed?.save(result.interactionId, shown);
        if (typedCommands.size > 1_000) typedCommands.delete(typedCommands.keys().next().value ?? '');
        return send(response, 200, { ...result, typed: shown });
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
      discord.events.off('interactionResponse', onResponse);
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
    channel: channelViews(discord)[0],
    channels: channelViews(discord),
    messageApps: messageCommandNames(discord),
    fileCommands: fileCommands(commandDefinitions(discord)),
    maxFileBytes: MAX_ARTICLE_BYTES,
    users: userViews(discord),
    threads: discord.threads().map(threadView),
    messages: [...discord.channels().map((c) => c.id), ...discord.threads().map((t) => t.id)].flatMap((id) =>
      discord.messagesIn(id).map((m) => messageView(discord, m)),
    ),
  };
}

/** What the page shows as typed: the line, and the file sent with it ("/article add 📎 egypt.txt"). */
function typedLine(body: Record<string, unknown>): string {
  const file = body.file as { name?: unknown } | undefined | null;
  const name = typeof file?.name === 'string' ? file.name.slice(0, 200) : '';
  return [String(body.text ?? '').trim(), ...(name ? [`📎 ${name}`] : [])].join(' ');
}

function channelViews(discord: DiscordServer): ChannelView[] {
  return discord.channels().map((c) => ({ id: c.id, name: c.name }));
}

function isChannelOrThread(discord: DiscordServer, id: string): boolean {
  return discord.channels().some((c) => c.id === id) || discord.threads().some((t) => t.id === id);
}

function tooLarge(): string {
  return `Not sent: a file holds at most ${MAX_ARTICLE_BYTES.toLocaleString('en')} bytes (the article size limit).`;
}

/** The file sent with a line ({ name, type, data: base64 }), a notice when it cannot be taken, or none. */
function attachedFile(body: Record<string, unknown>): AttachmentInput | string | undefined {
  const file = body.file as Record<string, unknown> | undefined | null;
  if (file === undefined || file === null) return undefined;
  const { name, type, data } = file;
  if (typeof name !== 'string' || typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return 'Not sent: the file could not be read.';
  const content = Buffer.from(data, 'base64');
  if (content.length > MAX_ARTICLE_BYTES) return tooLarge();
  return { filename: name.slice(0, 200) || 'file', content, ...(typeof type === 'string' && type ? { contentType: type } : {}) };
}

async function typed(
  discord: DiscordServer,
  body: Record<string, unknown>,
): Promise<{ notice?: string; interactionId?: string }> {
  const text = typeof body.text === 'string' ? body.text : '';
  const channelId = typeof body.channelId === 'string' ? body.channelId : discord.channelId;
  if (!isChannelOrThread(discord, channelId)) return { notice: 'That channel does not exist.' };
  const file = attachedFile(body);
  if (typeof file === 'string') return { notice: file };
  const action = parseInput(text, commandDefinitions(discord), file);
  try {
    switch (action.kind) {
      case 'nothing':
        return {};
      case 'notice':
        return { notice: action.text };
      case 'command':
        const sent = await discord.sendSlashCommand({
          name: action.name,
          ...(action.subcommand ? { subcommand: action.subcommand } : {}),
          options: action.options,
          channelId,
        });
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
): Promise<{ choices: { name: string; value: string | number }[]; valueStart?: number }> {
  const request = autocompleteRequest(typeof body.text === 'string' ? body.text : '', commandDefinitions(discord));
  if (!request) return { choices: [] };
  const channelId = typeof body.channelId === 'string' && isChannelOrThread(discord, body.channelId) ? body.channelId : discord.channelId;
  const { valueStart, ...asked } = request;
  try {
    // in a channel: the suggestions may depend on the channel's article
    const { choices } = await discord.sendAutocomplete({ ...asked, channelId, timeoutMs: 2_000 });
    return { choices, valueStart };
  } catch {
    return { choices: [] };
  }
}

/** A form's Submit: the values by field id, to the newest open form under that id. */
async function submitted(discord: DiscordServer, body: Record<string, unknown>): Promise<{ notice?: string }> {
  const values = body.values;
  if (!values || typeof values !== 'object' || Array.isArray(values)) return { notice: 'Not sent: the form had no values.' };
  const strings = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string'));
  try {
    await discord.submitModal({ customId: String(body.customId ?? ''), values: strings });
    return {};
  } catch (error) {
    return { notice: (error as Error).message };
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

/** A JSON object; 'too large' past maxBytes; undefined for anything else (not JSON, not an object). */
async function readJson(request: IncomingMessage, maxBytes: number): Promise<Record<string, unknown> | 'too large' | undefined> {
  let large = false;
  const parsed = await readBody(request, maxBytes).catch((error: Error) => {
    large = error.message === 'Request body too large';
    return undefined;
  });
  if (large) return 'too large';
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
