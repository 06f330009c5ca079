// Adding an article with the real neural embedder, through the real discord.js client against the local
// Discord server: the reply says it is ready as soon as its words are indexed, then that its meaning is in
// too; the article then answers an English question with its Arabic sentence, quoted exactly, and its vectors
// are kept in the library, so it is never embedded again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../src/discord/bot.ts';
import { installedPython } from '../src/embedder/start.ts';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';
import { articleFromText } from '../src/text/article.ts';
import { botConfig, memoryLogger } from './bot-harness.ts';

const python = installedPython();
if (!python && process.env.CI) throw new Error('CI must install the neural embedder (npm ci runs scripts/install-embedder.mjs)');

const DESALINATION = [
  'افتتاح محطة لتحلية المياه',
  'افتتحت الحكومة يوم الأحد أكبر محطة لتحلية مياه البحر في البلاد بتكلفة بلغت 800 مليون دولار. وتنتج المحطة نحو 300 ألف متر مكعب من مياه الشرب يوميا.',
  'وقال وزير المياه إن المشروع سيخفف الضغط على المياه الجوفية التي تراجعت مستوياتها بشدة خلال العقد الماضي. وتعمل المحطة بالطاقة الشمسية جزئيا.',
  'وانتقدت جمعيات بيئية المشروع، محذرة من أن المياه المالحة المتبقية قد تضر بالشعاب المرجانية القريبة. وردت الشركة المشغلة بأنها تخفف تركيز الملح قبل إعادته إلى البحر.',
  'ومن المتوقع أن تبدأ المرحلة الثانية من المشروع بعد عامين.',
].join('\n');

describe.skipIf(!python)('adding an article with the neural embedder', () => {
  let server: DiscordServer;
  let bot: RunningBot;
  const dataDir = mkdtempSync(join(tmpdir(), 'library-neural-'));

  beforeAll(async () => {
    server = await startDiscordServer({ port: 0 });
    const config = botConfig(server, dataDir, { EMBEDDINGS_DIR: join(dataDir, 'embeddings') });
    bot = await startBot(config, { log: memoryLogger().log });
    await server.waitForBot();
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is ready from its words at once, then from its meaning, and answers in English with exact Arabic quotes', async () => {
    const { interactionId } = await server.sendSlashCommand({
      name: 'article',
      subcommand: 'add',
      options: [{ name: 'file', attachment: { filename: 'water.txt', content: DESALINATION } }] as never,
    });
    // the reply is edited in place: keep its content as it was when each state was shown
    const reply = async (done: string) => {
      let shown = '';
      await server.waitForMessage((m) => m.interaction?.id === interactionId && m.content.includes(done) && Boolean((shown = m.content)), 60_000);
      return shown;
    };
    const [words, meaning] = await Promise.all([reply('now reading it for meaning'), reply('meaning included')]);
    expect(words).toMatch(/A2\n✅ Ready: 5 paragraphs, 8 sentences \(indexed in \d+\.\d s; ⏳ now reading it for meaning/);
    expect(meaning).toMatch(/A2\n✅ Ready: 5 paragraphs, 8 sentences \(indexed in \d+\.\d s, meaning included\)/);

    const { index } = await bot.context.shelf.open(server.guildId, 'A2');
    const neural = index.signals.find((s) => s.name === 'neural');
    expect(neural).toBeDefined();
    // kept in the library's store, so that no process embeds this article again
    const stashed = await bot.context.shelf.library.store.load({
      articleId: 'A2',
      articleHash: index.article.hash,
      signal: 'neural',
      embedderId: neural!.embedderId,
      units: neural!.units.length,
    });
    expect(stashed?.data.length).toBe(neural!.units.length * stashed!.dimensions);

    const asked = await server.sendSlashCommand({ name: 'ask', options: [{ name: 'question', value: 'What did environmental groups warn about?' }, { name: 'article', value: 'A2' }] as never });
    const answer = await server.waitForMessage((m) => m.interaction?.id === asked.interactionId && m.content.includes('>'), 20_000);
    const article = articleFromText(DESALINATION, 'A2');
    const warning = article.sentences.find((s) => s.text.includes('جمعيات بيئية'))!;
    expect(answer.content).toContain(`[${warning.id}]`);
    for (const [, id, quoted] of answer.content.matchAll(/\[(\d+\.\d+)\][^\n]*\n> ([^\n]*)/g)) {
      const sentence = article.sentences.find((s) => s.id === id)!;
      expect(quoted).toBe(DESALINATION.slice(sentence.start, sentence.end));
    }
  }, 90_000);
});
