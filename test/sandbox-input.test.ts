// What typed lines in the sandbox become, and the page server's guards, without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocompleteRequest, parseInput, type CommandDefinition } from '../src/sandbox/input.ts';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { startSandboxWeb, type SandboxWeb } from '../src/sandbox/web.ts';
import { MAX_ARTICLE_BYTES } from '../src/text/article.ts';

// Shaped like the JSON of SlashCommandBuilder definitions (1 subcommand, 3 string, 5 boolean, 11 attachment).
const article = { name: 'article', type: 3, autocomplete: true, max_length: 20 };
const commands: CommandDefinition[] = [
  {
    name: 'ask',
    options: [
      { name: 'question', type: 3, required: true, max_length: 1000 },
      article,
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
  { name: 'source', options: [{ name: 'id', type: 3, required: true, autocomplete: true }, article] },
  { name: 'about', options: [] },
  {
    name: 'article',
    options: [
      { name: 'list', type: 1 },
      {
        name: 'add',
        type: 1,
        options: [
          { name: 'file', type: 11 },
          { name: 'url', type: 3, max_length: 2000 },
          { name: 'title', type: 3, max_length: 200 },
        ],
      },
      {
        name: 'use',
        type: 1,
        options: [
          { ...article, required: true },
          { name: 'for', type: 3, choices: [{ name: 'this channel', value: 'channel' }, { name: 'the whole server', value: 'server' }] },
        ],
      },
      { name: 'remove', type: 1, options: [{ ...article, required: true }] },
    ],
  },
];
const egypt = { filename: 'egypt.txt', content: Buffer.from('القمح في مصر\n') };

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

describe('subcommands and files', () => {
  it('parses the options of the subcommand typed', () => {
    expect(parseInput('/article list', commands)).toEqual({ kind: 'command', name: 'article', subcommand: 'list', options: [] });
    expect(parseInput('/article add url: https://example.com/a', commands)).toEqual({
      kind: 'command',
      name: 'article',
      subcommand: 'add',
      options: [{ name: 'url', type: 3, value: 'https://example.com/a' }],
    });
    expect(parseInput('/article use A2', commands)).toMatchObject({ subcommand: 'use', options: [{ name: 'article', value: 'A2' }] });
    expect(parseInput('/article use article: A2 for: server', commands)).toMatchObject({
      subcommand: 'use',
      options: [
        { name: 'article', value: 'A2' },
        { name: 'for', value: 'server' },
      ],
    });
    expect(parseInput('/article remove A2', commands)).toMatchObject({ subcommand: 'remove', options: [{ name: 'article', value: 'A2' }] });
  });

  it('says which subcommands there are, and what a subcommand needs', () => {
    expect(parseInput('/article', commands)).toEqual({ kind: 'notice', text: expect.stringContaining('needs a subcommand: /article list, /article add, /article use, /article remove') });
    expect(parseInput('/article borrow A2', commands)).toEqual({ kind: 'notice', text: expect.stringContaining('no subcommand "borrow"') });
    expect(parseInput('/article use', commands)).toEqual({ kind: 'notice', text: expect.stringMatching(/^\/article use needs article: Usage: \/article use <article> \[for: channel\|server\]/) });
    expect(parseInput('/article use A2 for: everywhere', commands)).toMatchObject({ kind: 'notice', text: expect.stringContaining('"everywhere" is not a valid for') });
    expect(parseInput('/article list now', commands)).toMatchObject({ kind: 'notice', text: expect.stringContaining('does not take "now"') });
  });

  it('gives an ASK its question after a one-word article', () => {
    expect(parseInput('/ask article:all من دعا شي؟', commands)).toMatchObject({
      options: [
        { name: 'question', value: 'من دعا شي؟' },
        { name: 'article', value: 'all' },
      ],
    });
    expect(parseInput('/ask من دعا شي؟ article: A2', commands)).toMatchObject({
      options: [
        { name: 'question', value: 'من دعا شي؟' },
        { name: 'article', value: 'A2' },
      ],
    });
  });

  it('sends an attached file as the file option, and refuses it anywhere else', () => {
    expect(parseInput('/article add', commands, egypt)).toEqual({
      kind: 'command',
      name: 'article',
      subcommand: 'add',
      options: [{ name: 'file', attachment: egypt }],
    });
    expect(parseInput('/article add title: القمح', commands, egypt)).toMatchObject({ options: [{ name: 'file' }, { name: 'title', value: 'القمح' }] });
    expect(parseInput('/ask من؟', commands, egypt)).toEqual({ kind: 'notice', text: expect.stringContaining('/ask takes no file') });
    expect(parseInput('hello', commands, egypt)).toEqual({ kind: 'notice', text: expect.stringContaining('type /article add') });
    expect(parseInput('', commands, egypt)).toEqual({ kind: 'notice', text: expect.stringContaining('type /article add') });
  });
});

describe('autocompleteRequest', () => {
  it('asks for suggestions for the autocomplete option of the command being typed', () => {
    expect(autocompleteRequest('/source 4', commands)).toEqual({
      name: 'source',
      focused: 'id',
      options: [{ name: 'id', type: 3, value: '4' }],
      valueStart: 8,
    });
    expect(autocompleteRequest('/source id: 1.', commands)?.options[0]?.value).toBe('1.');
  });

  it('asks for the option being typed: the last one named, under its subcommand', () => {
    expect(autocompleteRequest('/ask article: A', commands)).toEqual({
      name: 'ask',
      focused: 'article',
      options: [{ name: 'article', type: 3, value: 'A' }],
      valueStart: 14,
    });
    expect(autocompleteRequest('/article use A', commands)).toMatchObject({ name: 'article', subcommand: 'use', focused: 'article', valueStart: 13 });
    expect(autocompleteRequest('/article remove article: ', commands)).toMatchObject({ subcommand: 'remove', focused: 'article', options: [{ value: '' }] });
    // the options named before go along: /source suggests the ids of the article chosen
    expect(autocompleteRequest('/source article: A2 id: 1.', commands)).toMatchObject({
      focused: 'id',
      options: [
        { name: 'article', value: 'A2' },
        { name: 'id', value: '1.' },
      ],
    });
  });

  it('asks nothing for commands without autocomplete or before an option is started', () => {
    expect(autocompleteRequest('/ask من', commands)).toBeNull();
    expect(autocompleteRequest('/ask article:all من', commands)).toBeNull();
    expect(autocompleteRequest('/source', commands)).toBeNull();
    expect(autocompleteRequest('/article use', commands)).toBeNull();
    expect(autocompleteRequest('/article add url: h', commands)).toBeNull();
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

  it('refuses a file over the article size limit, with a notice saying the limit', async () => {
    const post = (data: string) =>
      fetch(new URL('/input', web.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: '/article add', file: { name: 'big.txt', type: 'text/plain', data } }),
      });
    const over = await post(Buffer.alloc(MAX_ARTICLE_BYTES + 1, 0x61).toString('base64'));
    expect(await over.json()).toEqual({ notice: expect.stringContaining('5,000,000 bytes') });
    // far over: refused while it is read, with the same notice
    const huge = await post(Buffer.alloc(MAX_ARTICLE_BYTES * 2, 0x61).toString('base64'));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ notice: expect.stringContaining('5,000,000 bytes') });
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
