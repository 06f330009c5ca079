// A small chat server on 127.0.0.1 that plays scripted replies, hostile ones included. It speaks the
// OpenAI chat-completions protocol (non-streaming), and for the other providers Anthropic's /v1/messages
// and Ollama's /api/chat (which LangChain always streams, as NDJSON).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedReply =
  | { kind: 'reply'; content: string; delayMs?: number }
  | { kind: 'status'; status: number; message?: string };

export type Protocol = 'openai' | 'anthropic' | 'ollama';

export interface ChatRequest {
  protocol: Protocol;
  model: string;
  stream?: boolean;
  system?: unknown;
  messages: { role: string; content: unknown }[];
  [key: string]: unknown;
}

export interface FakeOpenAiServer {
  /** OpenAI base URL, ending in /v1 (OPENAI_BASE_URL). */
  url: string;
  /** Root URL, for Anthropic (ANTHROPIC_BASE_URL) and Ollama (OLLAMA_BASE_URL). */
  rootUrl: string;
  /** Replies used in order, one per request; when they run out the server answers 500. */
  script(...replies: ScriptedReply[]): void;
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** The longest a scripted delay may last, so a forgotten slow reply cannot hold a test run. */
const MAX_DELAY_MS = 10_000;

const ROUTES: Record<string, Protocol> = { '/v1/chat/completions': 'openai', '/v1/messages': 'anthropic', '/api/chat': 'ollama' };

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const queue: ScriptedReply[] = [];
  const requests: ChatRequest[] = [];

  const server = createServer(async (req, res) => {
    const protocol = ROUTES[(req.url ?? '').split('?')[0]!];
    if (req.method !== 'POST' || !protocol) return sendError(res, 'openai', 404, 'not found');
    let body: ChatRequest;
    try {
      body = { ...(JSON.parse(await readBody(req)) as Omit<ChatRequest, 'protocol'>), protocol } as ChatRequest;
    } catch {
      return sendError(res, protocol, 400, 'invalid JSON');
    }
    requests.push(body);
    const next = queue.shift() ?? { kind: 'status', status: 500, message: 'no scripted reply left' };
    if (next.kind === 'status') return sendError(res, protocol, next.status, next.message ?? `scripted ${next.status}`);
    const delay = Math.min(next.delayMs ?? 0, MAX_DELAY_MS);
    if (delay > 0 && (await clientLeftDuring(res, delay))) return;
    if (protocol === 'openai') sendOpenAi(res, body.model, next.content);
    else if (protocol === 'anthropic') sendAnthropic(res, body.model, next.content);
    else sendOllamaStream(res, body.model, next.content);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    rootUrl: `http://127.0.0.1:${port}`,
    script: (...replies) => queue.push(...replies),
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function clientLeftDuring(res: ServerResponse, delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), delayMs);
    res.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, protocol: Protocol, status: number, message: string): void {
  if (protocol === 'anthropic') {
    const type = status === 429 ? 'rate_limit_error' : status === 401 ? 'authentication_error' : 'api_error';
    return sendJson(res, status, { type: 'error', error: { type, message } });
  }
  if (protocol === 'ollama') return sendJson(res, status, { error: message });
  sendJson(res, status, { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: status } });
}

function sendOpenAi(res: ServerResponse, model: string, content: string): void {
  sendJson(res, 200, {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

/** Anthropic replies with a list of content blocks, not a string. */
function sendAnthropic(res: ServerResponse, model: string, content: string): void {
  sendJson(res, 200, {
    id: 'msg_scripted',
    type: 'message',
    role: 'assistant',
    model,
    content: content ? [{ type: 'text', text: content }] : [],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  });
}

/** Ollama streams one JSON object per line, a few characters at a time, then a final `done` line. */
function sendOllamaStream(res: ServerResponse, model: string, content: string): void {
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const line = (message: string, done: boolean) =>
    `${JSON.stringify({
      model,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content: message },
      done,
      ...(done ? { done_reason: 'stop', total_duration: 1, prompt_eval_count: 1, eval_count: 1 } : {}),
    })}\n`;
  const characters = Array.from(content);
  for (let i = 0; i < characters.length; i += 16) res.write(line(characters.slice(i, i + 16).join(''), false));
  res.end(line('', true));
}
