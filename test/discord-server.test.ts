// The local Discord server, exercised with a plain discord.js client (not the bot): if discord.js
// accepts what the server sends and the server records what discord.js sends, the bot's
// end-to-end tests stand on solid ground.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import { startDiscordServer, type DiscordServer } from '../src/emulator/discord-server.ts';

let server: DiscordServer;
let client: Client;

function nextInteraction(filter: (i: Interaction) => boolean = () => true): Promise<Interaction> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no interaction arrived')), 5_000);
    const listener = (interaction: Interaction): void => {
      if (!filter(interaction)) return;
      clearTimeout(timer);
      client.off(Events.InteractionCreate, listener);
      resolve(interaction);
    };
    client.on(Events.InteractionCreate, listener);
  });
}

function nextMessage(filter: (m: Message) => boolean): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message arrived')), 5_000);
    const listener = (message: Message): void => {
      if (!filter(message)) return;
      clearTimeout(timer);
      client.off(Events.MessageCreate, listener);
      resolve(message);
    };
    client.on(Events.MessageCreate, listener);
  });
}

async function slash(name: string, options: { name: string; value: string }[] = []) {
  const arrived = nextInteraction((i) => i.isChatInputCommand() && i.commandName === name);
  const sent = await server.sendSlashCommand({ name, options });
  return { sent, interaction: (await arrived) as ChatInputCommandInteraction };
}

async function connect(): Promise<Client> {
  const c = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: server.apiUrl },
    // discord.js waits 5 s between identifies by default; nothing to protect here.
    ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
  });
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(server.token);
  await ready;
  return c;
}

beforeAll(async () => {
  server = await startDiscordServer();
  client = await connect();
});

afterAll(async () => {
  await client?.destroy();
  await server?.close();
});

afterEach(() => {
  server.denyThreadCreation(false);
});

describe('local Discord server with a plain discord.js client', () => {
  it('logs the client in and delivers the guild, its text channel and the bot member', async () => {
    expect(client.user?.id).toBe(server.botUserId);
    const guild = client.guilds.cache.get(server.guildId);
    expect(guild?.available).toBe(true);
    const channel = client.channels.cache.get(server.channelId);
    expect(channel?.isTextBased()).toBe(true);
    expect(guild?.members.me?.id).toBe(server.botUserId);
    expect(server.requests.some((r) => r.method === 'GET' && r.route === '/gateway/bot')).toBe(true);
  });

  it('refuses REST calls without the bot token', async () => {
    const response = await fetch(`${server.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    expect(response.status).toBe(401);
  });

  it('registers guild commands with a bulk overwrite and returns ids', async () => {
    const app = client.application;
    expect(app?.id).toBe(server.applicationId);
    const set = await client.guilds.cache.get(server.guildId)!.commands.set([
      { name: 'ask', description: 'Ask', options: [{ name: 'question', description: 'q', type: 3, required: true }] },
    ]);
    expect(set.first()?.id).toMatch(/^\d+$/);
    expect(server.commands().guild.map((c) => c.name)).toEqual(['ask']);
  });

  it('delivers a slash command, takes a defer, an edit with components, and records allowed_mentions', async () => {
    const { sent, interaction } = await slash('ask', [{ name: 'question', value: 'من زار موسكو؟' }]);
    expect(interaction.options.getString('question')).toBe('من زار موسكو؟');
    expect(interaction.user.id).toBe(server.userId);
    await interaction.deferReply();
    const defer = await server.waitForRequest((r) => r.route === `/interactions/${sent.interactionId}/${sent.token}/callback`);
    expect(defer.status).toBe(204);
    expect((defer.body as { type: number }).type).toBe(5);
    expect(defer.at - sent.dispatchedAt).toBeLessThan(3_000);

    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('vote:up').setLabel('👍').setStyle(ButtonStyle.Secondary),
    );
    const reply = await interaction.editReply({
      content: 'الجواب @everyone <@123456789012345678>',
      components: [row],
      allowedMentions: { parse: [] },
    });
    const edit = server.requests.find(
      (r) => r.method === 'PATCH' && r.route === `/webhooks/${server.applicationId}/${sent.token}/messages/@original`,
    );
    expect(edit?.status).toBe(200);
    expect((edit?.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    const stored = server.message(reply.id);
    expect(stored?.content).toBe('الجواب @everyone <@123456789012345678>');
    expect(stored?.pings).toEqual([]);
    expect(stored?.interaction?.userId).toBe(server.userId);
    expect(reply.interactionMetadata?.user.id).toBe(server.userId);

    // A button press on that message reaches the client with the message attached.
    const pressed = nextInteraction((i) => i.isButton());
    await server.sendButton({ customId: 'vote:up', messageId: reply.id });
    const button = await pressed;
    expect(button.isButton() && button.message.id).toBe(reply.id);
    if (button.isButton()) await button.reply({ content: 'شكرًا', flags: MessageFlags.Ephemeral });
    const thanks = await server.waitForMessage((m) => m.content === 'شكرًا');
    expect(thanks.flags & 64).toBe(64);
  });

  it('counts a message without allowed_mentions as pinging what it mentions', async () => {
    const channel = client.channels.cache.get(server.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const sent = await channel.send({ content: `hello <@${server.userId}> @everyone` });
    expect(server.message(sent.id)?.pings).toEqual(['everyone', `user:${server.userId}`]);
  });

  it('starts a thread from the reply (same id), sends into it and announces THREAD_CREATE', async () => {
    const { interaction } = await slash('ask');
    await interaction.deferReply();
    const reply = await interaction.editReply({ content: 'answer', allowedMentions: { parse: [] } });
    const threadCreated = new Promise((resolve) => client.once(Events.ThreadCreate, resolve));
    const thread = await reply.startThread({ name: 'من زار موسكو؟' });
    expect(thread.id).toBe(reply.id);
    await threadCreated;
    await thread.send({ content: '> quote [1.1]', allowedMentions: { parse: [] } });
    expect(server.messagesIn(thread.id).map((m) => m.content)).toEqual(['> quote [1.1]']);
    expect(server.threads().find((t) => t.id === thread.id)?.name).toBe('من زار موسكو؟');
  });

  it('rejects thread names over 100 characters and messages over 2,000 as Discord does', async () => {
    const channel = client.channels.cache.get(server.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const starter = await channel.send({ content: 'starter' });
    await expect(starter.startThread({ name: 'س'.repeat(101) })).rejects.toMatchObject({ code: 50035 });
    await expect(channel.send({ content: 'x'.repeat(2001) })).rejects.toMatchObject({ code: 50035 });
    await expect(channel.send({ content: '' })).rejects.toBeInstanceOf(Error);
  });

  it('answers 403 Missing Permissions to thread creation when denied', async () => {
    const channel = client.channels.cache.get(server.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const starter = await channel.send({ content: 'starter 2' });
    server.denyThreadCreation(true);
    const error = await starter.startThread({ name: 'denied' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50013);
  });

  it('delivers a user message with the bot mentioned, as a reply target', async () => {
    const arrived = nextMessage((m) => m.author.id === server.userId);
    const sent = await server.sendMessage({ content: 'ما موضوع المقال؟', mentionBot: true });
    const message = await arrived;
    expect(message.id).toBe(sent.id);
    expect(message.mentions.users.has(server.botUserId)).toBe(true);
    const reply = await message.reply({ content: 'جواب', allowedMentions: { parse: [], repliedUser: false } });
    expect(server.message(reply.id)?.messageReference?.message_id).toBe(sent.id);
    expect(server.message(reply.id)?.pings).toEqual([]);
  });

  it('hides message content without the MESSAGE_CONTENT intent unless the bot is mentioned', async () => {
    const arrived = nextMessage((m) => m.author.id === server.userId);
    await server.sendMessage({ content: 'no mention here' });
    expect((await arrived).content).toBe('');
  });

  it('retries a 429 with its retry_after and a 500, then succeeds', async () => {
    const channel = client.channels.cache.get(server.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const start = performance.now();
    server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 429);
    const first = await channel.send({ content: 'after a 429' });
    expect(server.message(first.id)?.content).toBe('after a 429');
    server.failNext({ method: 'POST', route: /^\/channels\/\d+\/messages$/ }, 500);
    await channel.send({ content: 'after a 500' });
    const statuses = server.requests
      .filter((r) => r.at >= start && r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.route))
      .map((r) => r.status);
    expect(statuses).toEqual([429, 200, 500, 200]);
  });

  it('survives a dropped gateway connection: resumes and replays what happened meanwhile', async () => {
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    server.dropGatewayConnection();
    // Sent while the socket is down: must arrive through the RESUME replay.
    const arrived = nextInteraction((i) => i.isChatInputCommand() && i.commandName === 'about');
    await server.sendSlashCommand({ name: 'about' });
    await resumed;
    const interaction = (await arrived) as ChatInputCommandInteraction;
    await interaction.reply({ content: 'about', allowedMentions: { parse: [] } });
    expect(server.requests.some((r) => r.route.startsWith(`/interactions/${interaction.id}/`) && r.status === 204)).toBe(true);
  });

  it('makes a client re-identify when the session cannot be resumed', async () => {
    const ready = new Promise<void>((resolve) => client.once(Events.ShardReady, () => resolve()));
    server.dropGatewayConnection({ resumable: false });
    await ready;
    const { interaction } = await slash('about');
    await interaction.reply({ content: 'still here', allowedMentions: { parse: [] } });
  });

  it('refuses a second callback (40060), a late one (10062) and an expired token (50027)', async () => {
    const { interaction } = await slash('ask');
    await interaction.reply({ content: 'first', allowedMentions: { parse: [] } });
    interaction.replied = false; // make discord.js try again, as a buggy handler would
    await expect(interaction.reply({ content: 'second' })).rejects.toMatchObject({ code: 40060 });

    const arrived = nextInteraction((i) => i.isChatInputCommand() && i.commandName === 'old');
    await server.sendSlashCommand({ name: 'old', ageMs: 16 * 60_000 });
    const expired = (await arrived) as ChatInputCommandInteraction;
    await expect(expired.deferReply()).rejects.toMatchObject({ code: 10062 });
    expired.deferred = true; // pretend the defer had gone through, to reach the webhook
    await expect(expired.editReply({ content: 'late' })).rejects.toMatchObject({ code: 50027 });
  });

  it('answers autocomplete and reports the choices', async () => {
    const listener = (i: Interaction): void => {
      if (i.isAutocomplete()) void i.respond([{ name: `[${i.options.getFocused()}]`, value: '4.1' }]);
    };
    client.on(Events.InteractionCreate, listener);
    try {
      const result = await server.sendAutocomplete({
        name: 'source',
        focused: 'id',
        options: [{ name: 'id', value: '4' }],
      });
      expect(result.choices).toEqual([{ name: '[4]', value: '4.1' }]);
    } finally {
      client.off(Events.InteractionCreate, listener);
    }
  });

  it('keeps threads across a client restart (GUILD_CREATE lists them) so their messages still arrive', async () => {
    const thread = server.threads()[0];
    if (!thread) throw new Error('an earlier test should have made a thread');
    await client.destroy();
    client = await connect();
    expect(client.channels.cache.get(thread.id)?.isThread()).toBe(true);
    const arrived = nextMessage((m) => m.channelId === thread.id);
    await server.sendMessage({ channelId: thread.id, content: 'ومتى؟', mentionBot: true });
    expect((await arrived).content).toContain('ومتى؟');
  });
});
