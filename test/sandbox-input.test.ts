// What typed lines in the sandbox become, and the page server's guards, without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocompleteRequest, parseInput, type CommandDefinition } from '../src/sandbox/input.ts';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { startSandboxWeb, type SandboxWeb } from '../src/sandbox/web.ts';

// Shaped like the JSON of SlashCommandBuilder definitions (3 string, 5 boolean).
const commands: CommandDefinition[] = [
  {
    name: 'ask',
    options: [
      { name: 'question', type: 3, required: true, max_length: 1000 },
      { name: 'private', type: 5 },
    ],
  },
  {
    name: 'summary',
    options: [
      { name: 'length', type: 3, choices: ['short', 'medium', 'long'].map((v) => ({ name: v, value: v })) },
      { name: 'topic', type: 3, max_length: 200 },
    ],
  },
  { name: 'source', options: [{ name: 'id', type: 3, required: true, autocomplete: true }] },
  { name: 'about', options: [] },
];

describe('parseInput', () => {
  it('turns /ask into a command whose question is the whole rest of the line', () => {
    expect(parseInput('/ask  من زار موسكو؟ ', commands)).toEqual({
      kind: 'command',
      name: 'ask',
      options: [{ name: 'question', type: 3, value: 'من زار موسكو؟' }],
    });
  });

  it('reads named options as the Discord client shows them, wherever they are', () => {
    expect(parseInput('/ask private:true Who visited?', commands)).toEqual({
      kind: 'command',
      name: 'ask',
      options: [
        { name: 'question', type: 3, value: 'Who visited?' },
        { name: 'private', type: 5, value: true },
      ],
    });
    expect(parseInput('/summary topic: أوكرانيا length: long', commands)).toMatchObject({
      options: [
        { name: 'length', value: 'long' },
        { name: 'topic', value: 'أوكرانيا' },
      ],
    });
  });

  it('fills a choice from the first word only when it is one of the choices', () => {
    expect(parseInput('/summary short التعاون الاقتصادي', commands)).toMatchObject({
      options: [
        { name: 'length', value: 'short' },
        { name: 'topic', value: 'التعاون الاقتصادي' },
      ],
    });
    expect(parseInput('/summary التعاون', commands)).toMatchObject({ options: [{ name: 'topic', value: 'التعاون' }] });
    expect(parseInput('/source 4.1', commands)).toMatchObject({ options: [{ name: 'id', value: '4.1' }] });
    expect(parseInput('/about', commands)).toEqual({ kind: 'command', name: 'about', options: [] });
  });

  it('refuses what the Discord client refuses: missing required options, too long, extra words', () => {
    expect(parseInput('/ask', commands)).toMatchObject({ kind: 'notice', text: expect.stringContaining('question') });
    expect(parseInput(`/ask ${'س'.repeat(1001)}`, commands)).toMatchObject({ kind: 'notice', text: expect.stringContaining('1,000') });
    expect(parseInput('/about me', commands)).toMatchObject({ kind: 'notice' });
    expect(parseInput('ب'.repeat(2001), commands)).toMatchObject({ kind: 'notice', text: expect.stringContaining('2,000') });
  });

  it('sends unknown commands and plain text as messages, and @bot as a mention', () => {
    expect(parseInput('/weather cairo', commands)).toEqual({
      kind: 'message',
      content: '/weather cairo',
      mentionBot: false,
      hint: expect.stringMatching(/^\/weather is not a command here.*Commands: \/ask/),
    });
    expect(parseInput('<b>hi</b>', commands)).toEqual({ kind: 'message', content: '<b>hi</b>', mentionBot: false });
    expect(parseInput('@bot ما الخبر؟', commands)).toEqual({ kind: 'message', content: 'ما الخبر؟', mentionBot: true });
    expect(parseInput('  \n ', commands)).toEqual({ kind: 'nothing' });
  });
});

describe('autocompleteRequest', () => {
  it('asks for suggestions for the autocomplete option of the command being typed', () => {
    expect(autocompleteRequest('/source 4', commands)).toEqual({
      name: 'source',
      focused: 'id',
      options: [{ name: 'id', type: 3, value: '4' }],
    });
    expect(autocompleteRequest('/source id: 1.', commands)?.options[0]?.value).toBe('1.');
  });

  it('asks nothing for commands without autocomplete or before an option is started', () => {
    expect(autocompleteRequest('/ask من', commands)).toBeNull();
    expect(autocompleteRequest('/source', commands)).toBeNull();
    expect(autocompleteRequest('hello', commands)).toBeNull();
  });
});

describe('sandbox page server', () => {
  let discord: DiscordServer;
  let web: SandboxWeb;

  beforeAll(async () => {
    discord = await startDiscordServer();
    web = await startSandboxWeb(discord, { host: '127.0.0.1', port: 0 });
  });

  afterAll(async () => {
    await web?.close();
    await discord?.close();
  });

  it('serves the page with a policy that allows nothing from elsewhere and no inline script', async () => {
    const response = await fetch(web.url);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it('takes input only as JSON, so a cross-site form cannot post it', async () => {
    const form = await fetch(new URL('/input', web.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=%2Fabout',
    });
    expect(form.status).toBe(415);
  });

  it('answers only to loopback host names (no DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(web.url, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('says so when no bot is connected yet instead of failing silently', async () => {
    const response = await fetch(new URL('/input', web.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(await response.json()).toEqual({ notice: expect.stringContaining('No bot is connected') });
  });
});
