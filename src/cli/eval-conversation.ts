// npm run eval:conversation: the dialogue set (bench/dialogues.json) through the real bot path —
// discord.js against the local Discord-compatible server, /ask for the first turn, then messages in the
// sources thread (or replies to the answer when it has none) — once with follow-ups read in their
// conversation and once as the bot read them before (the thread's question's words: the baseline), in
// the same run. Prints a Markdown table for the tuning and held-out halves, and reply times.
//   npm run eval:conversation -- [--dialogues FILE] [--eval DIR] [--embeddings auto|lexical] [--only context|baseline] [--half tuning|held-out]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig, type BotConfig } from '../config.ts';
import { startBot, type RunningBot } from '../discord/bot.ts';
import type { ConversationMode } from '../discord/context.ts';
import { startDiscordServer, type DiscordServer, type StoredMessage } from '../emulator/discord-server.ts';
import { readEmbeddingsConfig } from '../llm/config.ts';
import { log } from '../log.ts';
import { DEFAULT_ARTICLE_PATH, PROJECT_ROOT } from '../paths.ts';
import { strings } from '../strings.ts';
import { loadDialogueArticle } from '../eval/dialogue-articles.ts';
import { categoryOf, isRight, loadDialogues, type Category, type Dialogue, type DialogueSet, type Observed } from '../eval/dialogues.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const DIALOGUES = resolve(option('dialogues', join(PROJECT_ROOT, 'bench', 'dialogues.json')));
const EVAL_DIR = resolve(option('eval', join(PROJECT_ROOT, '..', 'shared', 'eval')));
const EMBEDDINGS = option('embeddings', 'auto');
const ONLY = option('only', '');
/** Only the dialogues of one half (tuning while the rules are written; held-out to measure). */
const HALF = option('half', '');
/** How long a turn waits for a reply; small talk waits this long for nothing to come. */
const REPLY_TIMEOUT_MS = 20_000;
const SILENCE_MS = 600;

interface TurnResult {
  dialogue: string;
  half: 'tuning' | 'held-out';
  category: Category;
  position: number;
  right: boolean;
  observed: Observed;
}

async function main(): Promise<void> {
  const all = loadDialogues(DIALOGUES);
  const set = HALF ? { ...all, dialogues: all.dialogues.filter((d) => (HALF === 'tuning' ? all.tuning : all.heldOut).includes(d.article)) } : all;
  const modes: { mode: ConversationMode; name: string }[] = [
    { mode: 'previous-question' as const, name: 'baseline: the thread\'s question\'s words' },
    { mode: 'context' as const, name: 'conversation: read in context' },
  ].filter((m) => !ONLY || (ONLY === 'baseline' ? m.mode === 'previous-question' : m.mode === 'context'));
  const runs: { name: string; results: TurnResult[] }[] = [];
  for (const { mode, name } of modes) runs.push({ name, results: await runAll(set, mode) });
  console.log(report(set, runs));
}

async function runAll(set: DialogueSet, mode: ConversationMode): Promise<TurnResult[]> {
  const server = await startDiscordServer({ port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'sanad-dialogues-'));
  let bot: RunningBot | undefined;
  try {
    const config = parseConfig({
      DISCORD_TOKEN: server.token,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: server.guildId,
      ARTICLE_PATH: DEFAULT_ARTICLE_PATH,
      DATA_DIR: dataDir,
      EMBEDDINGS_DIR: join(dataDir, 'embeddings'),
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'silent',
    }) as BotConfig;
    bot = await startBot(config, { log: log.child({}, { level: process.env.EVAL_LOG_LEVEL ?? 'silent' }), conversation: mode, embeddings: readEmbeddingsConfig({ EMBEDDINGS }) });
    await server.waitForBot();
    // every article in the library, each index built before the first question so replies are timed alike
    const ids = new Map<string, string>();
    for (const ref of [...set.tuning, ...set.heldOut]) {
      const source = loadDialogueArticle(ref, EVAL_DIR);
      const { entry } = await (await bot.context.shelf.library.guild(server.guildId)).addText(source.text, { title: source.title.slice(0, 200) });
      await bot.context.shelf.open(server.guildId, entry.id);
      ids.set(ref, entry.id);
    }
    const results: TurnResult[] = [];
    for (const dialogue of set.dialogues) {
      const half = set.heldOut.includes(dialogue.article) ? 'held-out' : 'tuning';
      results.push(...(await runDialogue(server, bot, mode, dialogue, ids.get(dialogue.article)!)).map((r) => ({ ...r, dialogue: dialogue.id, half }) as TurnResult));
    }
    return results;
  } finally {
    await bot?.stop();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runDialogue(server: DiscordServer, bot: RunningBot, mode: ConversationMode, dialogue: Dialogue, articleId: string): Promise<Omit<TurnResult, 'dialogue' | 'half'>[]> {
  const results: Omit<TurnResult, 'dialogue' | 'half'>[] = [];
  const shown = new Set<string>();
  let threadId: string | undefined;
  let lastReply: string | undefined;
  for (const [position, turn] of dialogue.turns.entries()) {
    const started = performance.now();
    let reply: StoredMessage | undefined;
    if (position === 0) {
      const sent = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: turn.say }, { name: 'article', value: articleId }] });
      await server.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(sent.token) && r.route.endsWith('/@original') && r.status === 200, REPLY_TIMEOUT_MS);
      const ms = performance.now() - started;
      reply = server.messagesIn(server.channelId).find((m) => m.interaction?.id === sent.interactionId);
      const observed = observe(reply, ms);
      if (reply) lastReply = reply.id;
      // the sources thread, when the answer quoted anything, is where the conversation goes on
      // (as a person would, it is used once the bot has it: a message typed before is not a follow-up yet)
      if (observed.quoted.length > 0 && reply) threadId = (await waitForAsync(() => bot.store.getThread(reply!.id)))?.threadId;
      else if (reply) await shownToPerson(bot, mode, reply.id);
      results.push(score(turn, position, observed, shown));
      continue;
    }
    // where a person would write next: the thread, or a reply to the bot's answer when there is none
    const sent = threadId
      ? await server.sendMessage({ content: turn.say, channelId: threadId })
      : await server.sendMessage({ content: turn.say, mentionBot: turn.expect !== 'small talk', ...(lastReply ? { replyTo: lastReply } : {}) });
    const answered = (m: StoredMessage) => m.messageReference?.message_id === sent.id;
    const reacted = () => server.requests.some((r) => r.method === 'PUT' && r.route.includes(`/messages/${sent.id}/reactions/`));
    if (turn.expect === 'small talk') {
      await new Promise((r) => setTimeout(r, SILENCE_MS));
      reply = server.messagesIn(sent.channelId).find(answered);
      const observed = reply ? observe(reply, performance.now() - started) : { replied: reacted(), quoted: [], overview: false, nothingMore: false };
      results.push(score(turn, position, observed, shown));
      continue;
    }
    reply = await server.waitForMessage(answered, REPLY_TIMEOUT_MS).catch(() => undefined);
    const observed = reply ? observe(reply, performance.now() - started) : { replied: reacted(), quoted: [], overview: false, nothingMore: false };
    if (reply && !threadId) {
      lastReply = reply.id;
      await shownToPerson(bot, mode, reply.id);
    }
    results.push(score(turn, position, observed, shown));
  }
  return results;
}

function score(turn: Dialogue['turns'][number], position: number, observed: Observed, shown: Set<string>): Omit<TurnResult, 'dialogue' | 'half'> {
  const right = isRight(turn, observed, shown);
  for (const id of observed.quoted) shown.add(id);
  return { category: categoryOf(turn, position), position, right, observed };
}

const OVERVIEW_MARKS = [strings('en').overviewLead([]), strings('ar').overviewLead([])].map((lead) => lead.slice(0, lead.indexOf('(')).trim());
const NOTHING_MORE = [strings('en').nothingNew, strings('ar').nothingNew, strings('en').besideEdge('next'), strings('ar').besideEdge('next'), strings('en').besideEdge('before'), strings('ar').besideEdge('before')];

function observe(message: StoredMessage | undefined, ms: number): Observed {
  if (!message) return { replied: false, quoted: [], overview: false, nothingMore: false };
  const quoted = [...message.content.matchAll(/\*\*\d+ · \[(\d+\.\d+)\]\*\*/g)].map((m) => m[1]!);
  return {
    replied: true,
    quoted,
    overview: OVERVIEW_MARKS.some((mark) => message.content.includes(mark)),
    nothingMore: NOTHING_MORE.some((text) => message.content.includes(text)),
    ms,
  };
}

/** A reply is answered once the bot knows it is up, as it is by the time a person has read it (the baseline keeps no turns). */
async function shownToPerson(bot: RunningBot, mode: ConversationMode, messageId: string): Promise<void> {
  if (mode === 'context') await waitForAsync(() => bot.store.conversationOfMessage(messageId));
}

async function waitForAsync<T>(check: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---------------------------------------------------------------------------------------------------

const ROWS: { label: string; keep: (r: TurnResult) => boolean }[] = [
  { label: 'all turns', keep: () => true },
  { label: 'first turns', keep: (r) => r.category === 'first' },
  { label: 'follow-ups', keep: (r) => r.category === 'follow-up' },
  { label: 'overview questions', keep: (r) => r.category === 'overview' },
  { label: 'small talk left alone', keep: (r) => r.category === 'small talk' },
  { label: 'off-topic refused', keep: (r) => r.category === 'refuse' },
];

function report(set: DialogueSet, runs: { name: string; results: TurnResult[] }[]): string {
  const share = (rs: TurnResult[]) => (rs.length === 0 ? 'n/a' : `${(rs.filter((r) => r.right).length / rs.length).toFixed(3)} (${rs.filter((r) => r.right).length}/${rs.length})`);
  const lines = [
    `Conversations through the bot (discord.js against the local Discord server; embedder: ${EMBEDDINGS}; ${set.dialogues.length} dialogues, ` +
      `${set.dialogues.reduce((n, d) => n + d.turns.length, 0)} turns, ${set.tuning.length} tuning and ${set.heldOut.length} held-out articles)`,
    '',
  ];
  for (const half of ['tuning', 'held-out'] as const) {
    lines.push(`**${half === 'tuning' ? 'Tuning half' : 'Held-out half'}**`, '', `| system | ${ROWS.map((r) => r.label).join(' | ')} |`, `| --- | ${ROWS.map(() => '---:').join(' | ')} |`);
    for (const run of runs) {
      const results = run.results.filter((r) => r.half === half);
      lines.push(`| ${run.name} | ${ROWS.map((row) => share(results.filter(row.keep))).join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('Reply time, from the message sent to the reply received (ms; the machine is shared, so timings are noisy)', '', '| system | turns | p50 | p95 |', '| --- | --- | ---: | ---: |');
  for (const run of runs) {
    for (const [label, keep] of [
      ['first questions (/ask)', (r: TurnResult) => r.position === 0],
      ['follow-ups in the thread', (r: TurnResult) => r.position > 0 && r.category !== 'small talk'],
    ] as const) {
      const ms = run.results.filter(keep).flatMap((r) => (r.observed.ms === undefined ? [] : [r.observed.ms])).sort((a, b) => a - b);
      const at = (p: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!.toFixed(1) : 'n/a');
      lines.push(`| ${run.name} | ${label} | ${at(0.5)} | ${at(0.95)} |`);
    }
  }
  if (process.env.SHOW_WRONG) {
    lines.push('', 'Wrong turns:');
    for (const run of runs) {
      for (const r of run.results.filter((x) => !x.right)) {
        const d = set.dialogues.find((x) => x.id === r.dialogue)!;
        const turn = d.turns[r.position]!;
        lines.push(`- ${run.name.split(':')[0]} ${r.dialogue}#${r.position + 1} [${r.half}] "${turn.say}" expect ${JSON.stringify(turn.expect)} got ${JSON.stringify(r.observed.quoted)}${r.observed.overview ? ' overview' : ''}${r.observed.nothingMore ? ' nothing-more' : ''}${r.observed.replied ? '' : ' (no reply)'}`);
      }
    }
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
