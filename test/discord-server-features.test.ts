// More of the local Discord server, with a plain discord.js client: extra channels, roles and
// member permissions, subcommands, attachments served over HTTP, and modals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  LabelBuilder,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type GuildMember,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { startDiscordServer, type DiscordServer, type SlashCommandInput } from '../src/emulator/discord-server.ts';

let server: DiscordServer;
let client: Client;

function nextInteraction<T extends Interaction>(filter: (i: Interaction) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no interaction arrived')), 5_000);
    const listener = (interaction: Interaction): void => {
      if (!filter(interaction)) return;
      clearTimeout(timer);
      client.off(Events.InteractionCreate, listener);
      resolve(interaction as T);
    };
    client.on(Events.InteractionCreate, listener);
  });
}

async function slash(input: SlashCommandInput) {
  const arrived = nextInteraction<ChatInputCommandInteraction>((i) => i.isChatInputCommand() && i.commandName === input.name);
  const sent = await server.sendSlashCommand(input);
  return { sent, interaction: await arrived };
}

async function connect(): Promise<Client> {
  const c = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: server.apiUrl },
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
  await client.guilds.cache.get(server.guildId)!.commands.set([
    {
      name: 'library',
      description: 'The article library',
      options: [
        {
          type: 1,
          name: 'add',
          description: 'Add an article',
          options: [
            { type: 11, name: 'file', description: 'The article', required: true },
            { type: 3, name: 'title', description: 'Its title', autocomplete: true },
            { type: 4, name: 'count', description: 'How many' },
          ],
        },
        { type: 1, name: 'list', description: 'List the articles', options: [{ type: 4, name: 'page', description: 'Page' }] },
        {
          type: 2,
          name: 'shelf',
          description: 'Shelves',
          options: [{ type: 1, name: 'open', description: 'Open one', options: [{ type: 3, name: 'name', description: 'Name' }] }],
        },
      ],
    },
  ]);
});

afterAll(async () => {
  await client?.destroy();
  await server?.close();
});

describe('channels', () => {
  it('adds a text channel (CHANNEL_CREATE), takes commands and messages there, and lists it after a restart', async () => {
    const created = new Promise<string>((resolve) => client.once(Events.ChannelCreate, (c) => resolve(c.id)));
    const id = server.addChannel('Arabic News');
    expect(await created).toBe(id);
    const channel = client.channels.cache.get(id);
    expect(channel?.isTextBased() && !channel.isDMBased() && channel.name).toBe('arabic-news');
    expect(server.channels().map((c) => c.id)).toEqual([server.channelId, id]);

    const { interaction } = await slash({ name: 'about', channelId: id });
    expect(interaction.channelId).toBe(id);
    const reply = await interaction.reply({ content: 'here', withResponse: true });
    expect(server.message(reply.resource!.message!.id)?.channelId).toBe(id);
    await server.sendMessage({ channelId: id, content: 'hello', mentionBot: true });
    expect(server.messagesIn(id).map((m) => m.content)).toEqual(['here', `<@${server.botUserId}> hello`]);

    await client.destroy();
    client = await connect();
    expect(client.channels.cache.get(id)?.isTextBased()).toBe(true);
  });

  it('brings back saved channels with a saved world', async () => {
    const other = await startDiscordServer({
      saved: { ids: server.ids, messages: [], threads: [], channels: server.channels().slice(1) },
    });
    try {
      expect(other.channels().map((c) => c.name)).toEqual(['general', 'arabic-news']);
    } finally {
      await other.close();
    }
  });
});

describe('roles and member permissions', () => {
  it('reports the given permissions and roles in interactions, all permissions by default', async () => {
    const roleCreated = new Promise<string>((resolve) => client.once(Events.GuildRoleCreate, (r) => resolve(r.id)));
    const editors = server.addRole('editors');
    expect(await roleCreated).toBe(editors);
    expect(client.guilds.cache.get(server.guildId)?.roles.cache.get(editors)?.name).toBe('editors');
    // The bot's role, on top, is the last one moved up.
    const moved = new Promise<void>((resolve) => {
      const listener = (_old: unknown, r: { managed: boolean }): void => {
        if (!r.managed) return;
        client.off(Events.GuildRoleUpdate, listener);
        resolve();
      };
      client.on(Events.GuildRoleUpdate, listener);
    });
    const writers = server.addRole('writers');
    await moved;
    const roles = client.guilds.cache.get(server.guildId)!.roles.cache;
    expect([roles.get(writers)?.position, roles.get(editors)?.position]).toEqual([1, 2]);
    expect(roles.find((r) => r.managed)?.position).toBe(3);

    const reader = server.addUser('reader', { permissions: PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel });
    const editor = server.addUser('editor', { roles: [editors] });
    expect(() => server.addUser('nobody', { roles: ['1'] })).toThrow(/Unknown role/);

    const asReader = await slash({ name: 'about', userId: reader.id });
    expect(asReader.interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(false);
    expect(asReader.interaction.memberPermissions?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect((asReader.interaction.member as GuildMember).roles.cache.has(editors)).toBe(false);
    await asReader.interaction.reply({ content: 'ok' });

    const asEditor = await slash({ name: 'about', userId: editor.id });
    expect(asEditor.interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect((asEditor.interaction.member as GuildMember).roles.cache.has(editors)).toBe(true);
    await asEditor.interaction.reply({ content: 'ok' });

    const fetched = await client.guilds.cache.get(server.guildId)!.members.fetch({ user: editor.id, force: true });
    expect(fetched.roles.cache.has(editors)).toBe(true);
  });
});

describe('subcommands', () => {
  it('nests options under the subcommand with the types the command declares', async () => {
    const { sent, interaction } = await slash({ name: 'library', subcommand: 'list', options: [{ name: 'page', value: 2 }] });
    expect(interaction.options.getSubcommand()).toBe('list');
    expect(interaction.options.getInteger('page')).toBe(2);
    await interaction.reply({ content: 'page 2' });
    expect(sent.token).toBeTruthy();
    await expect(server.sendSlashCommand({ name: 'library', subcommand: 'remove' })).rejects.toThrow(/no subcommand "remove"/);
  });

  it('nests a subcommand under its group', async () => {
    const { interaction } = await slash({
      name: 'library',
      subcommandGroup: 'shelf',
      subcommand: 'open',
      options: [{ name: 'name', value: 'أخبار' }],
    });
    expect(interaction.options.getSubcommandGroup()).toBe('shelf');
    expect(interaction.options.getSubcommand()).toBe('open');
    expect(interaction.options.getString('name')).toBe('أخبار');
    await interaction.reply({ content: 'opened' });
    await expect(server.sendSlashCommand({ name: 'library', subcommandGroup: 'shelf', subcommand: 'close' })).rejects.toThrow(
      /no subcommand "close"/,
    );
  });

  it('sends autocomplete for an option of a subcommand', async () => {
    const listener = (i: Interaction): void => {
      if (!i.isAutocomplete()) return;
      const focused = i.options.getFocused(true);
      void i.respond([{ name: `${i.options.getSubcommand()}:${focused.name}:${String(focused.value)}`, value: 'x' }]);
    };
    client.on(Events.InteractionCreate, listener);
    try {
      const result = await server.sendAutocomplete({
        name: 'library',
        subcommand: 'add',
        focused: 'title',
        options: [{ name: 'title', value: 'الحر' }, { name: 'count', value: 3 }],
      });
      expect(result.choices).toEqual([{ name: 'add:title:الحر', value: 'x' }]);
    } finally {
      client.off(Events.InteractionCreate, listener);
    }
  });
});

describe('attachments', () => {
  it('gives the client an ATTACHMENT option whose url serves the exact bytes', async () => {
    const bytes = Buffer.concat([Buffer.from('مقال\n', 'utf8'), Buffer.from([0x00, 0xff, 0xfe, 0x80])]);
    const { interaction } = await slash({
      name: 'library',
      subcommand: 'add',
      options: [
        { name: 'file', attachment: { filename: 'article 1.txt', content: bytes } },
        { name: 'title', value: 'عنوان' },
      ],
    });
    const file = interaction.options.getAttachment('file', true);
    expect(file.name).toBe('article_1.txt');
    expect(file.size).toBe(bytes.length);
    expect(file.contentType).toBe('text/plain; charset=utf-8');
    expect(interaction.options.getString('title')).toBe('عنوان');
    expect(new URL(file.url).hostname).toBe('127.0.0.1');

    const response = await fetch(file.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(file.proxyURL)).status).toBe(200);

    // Like Discord's CDN: the url without its signature, or an unknown file, is not served.
    expect((await fetch(file.url.split('?')[0]!)).status).toBe(404);
    expect((await fetch(file.url.replace(file.id, '1234'))).status).toBe(404);
    await interaction.reply({ content: 'added' });
  });
});

describe('modals', () => {
  it('records a modal opened from a slash command and delivers its submission (labels)', async () => {
    const { sent, interaction } = await slash({ name: 'about' });
    const modal = new ModalBuilder()
      .setCustomId('feedback')
      .setTitle('ملاحظات')
      .addLabelComponents(
        new LabelBuilder()
          .setLabel('What was wrong?')
          .setTextInputComponent(new TextInputBuilder().setCustomId('what').setStyle(TextInputStyle.Paragraph).setMaxLength(4000)),
        new LabelBuilder()
          .setLabel('Anything else?')
          .setTextInputComponent(
            new TextInputBuilder().setCustomId('more').setStyle(TextInputStyle.Short).setRequired(false).setMaxLength(10),
          ),
        new LabelBuilder()
          .setLabel('Article')
          .setTextInputComponent(
            new TextInputBuilder().setCustomId('article').setStyle(TextInputStyle.Short).setValue('4'),
          ),
      );
    await interaction.showModal(modal);
    const shown = await server.waitForModal(sent.interactionId);
    expect(shown.custom_id).toBe('feedback');
    expect(server.modalFor(sent.interactionId)?.components).toHaveLength(3);

    await expect(server.submitModal({ customId: 'feedback', values: { nope: 'x' } })).rejects.toThrow(/no field nope/);
    await expect(server.submitModal({ customId: 'feedback', values: { more: 'x' } })).rejects.toThrow(/needs what/);
    await expect(server.submitModal({ customId: 'feedback', values: { what: 'x', more: 'ط'.repeat(11) } })).rejects.toThrow(
      /more takes 0 to 10 characters, not 11/,
    );
    const arrived = nextInteraction<ModalSubmitInteraction>((i) => i.isModalSubmit());
    const submitted = await server.submitModal({ customId: 'feedback', values: { what: 'الجواب خطأ' } });
    const submit = await arrived;
    expect(submit.customId).toBe('feedback');
    expect(submit.components.map((c) => c.type)).toEqual([18, 18, 18]);
    expect(submit.fields.getTextInputValue('what')).toBe('الجواب خطأ');
    expect(submit.fields.getTextInputValue('more')).toBe('');
    expect(submit.fields.getTextInputValue('article')).toBe('4'); // prefilled, left as it was
    expect(submit.user.id).toBe(server.userId);
    await submit.deferReply();
    await submit.editReply({ content: 'شكرًا' });
    const reply = await server.waitForMessage((m) => m.interaction?.id === submitted.interactionId);
    expect(reply.content).toBe('شكرًا');
    // Submitted once, the modal is closed.
    await expect(server.submitModal({ customId: 'feedback', values: { what: 'again' } })).rejects.toThrow(/No modal "feedback" is open/);
  });

  it('mirrors action rows, and a modal opened from a button can update that message', async () => {
    const channel = client.channels.cache.get(server.channelId);
    if (!channel?.isSendable()) throw new Error('channel not sendable');
    const message = await channel.send({
      content: 'answer',
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('report').setLabel('Report').setStyle(ButtonStyle.Secondary),
        ),
      ],
    });
    const pressed = nextInteraction((i) => i.isButton());
    const sent = await server.sendButton({ customId: 'report', messageId: message.id });
    const button = await pressed;
    if (!button.isButton()) throw new Error('not a button');
    await button.showModal(
      new ModalBuilder()
        .setCustomId('report-form')
        .setTitle('Report')
        .addActionRowComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId('reason').setLabel('Reason').setStyle(TextInputStyle.Short),
          ),
        ),
    );
    await server.waitForModal(sent.interactionId);
    const arrived = nextInteraction<ModalSubmitInteraction>((i) => i.isModalSubmit());
    await server.submitModal({ customId: 'report-form', values: { reason: 'wrong source' } });
    const submit = await arrived;
    expect(submit.components[0]?.type).toBe(1);
    expect(submit.fields.getTextInputValue('reason')).toBe('wrong source');
    expect(submit.isFromMessage() && submit.message.id).toBe(message.id);
    if (submit.isFromMessage()) await submit.update({ content: 'reported', components: [] });
    expect(server.message(message.id)?.content).toBe('reported');
  });

  it('lets a handler wait for the submission with awaitModalSubmit', async () => {
    const { sent, interaction } = await slash({ name: 'about' });
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId(`ask:${interaction.id}`)
        .setTitle('Ask')
        .addLabelComponents(
          new LabelBuilder()
            .setLabel('Question')
            .setTextInputComponent(new TextInputBuilder().setCustomId('q').setStyle(TextInputStyle.Paragraph)),
        ),
    );
    const waiting = interaction.awaitModalSubmit({ time: 5_000, filter: (m) => m.customId === `ask:${interaction.id}` });
    await server.waitForModal(sent.interactionId);
    await server.submitModal({ customId: `ask:${interaction.id}`, values: { q: 'من زار موسكو؟' } });
    const submit = await waiting;
    expect(submit.fields.getTextInputValue('q')).toBe('من زار موسكو؟');
    await submit.reply({ content: 'answer' });
  });

  it('refuses modals Discord refuses: no title, no components, text inputs over 4,000, a custom id twice', async () => {
    const bad = [
      { custom_id: 'm', title: '', components: [{ type: 18, label: 'L', component: { type: 4, custom_id: 'a', style: 1 } }] },
      { custom_id: 'm', title: 'T', components: [] },
      { custom_id: 'm', title: 'T', components: [{ type: 18, label: 'L', component: { type: 4, custom_id: 'a', style: 1, max_length: 4001 } }] },
      {
        custom_id: 'm',
        title: 'T',
        components: [
          { type: 18, label: 'L', component: { type: 4, custom_id: 'a', style: 1 } },
          { type: 18, label: 'L', component: { type: 4, custom_id: 'a', style: 2 } },
        ],
      },
    ];
    for (const data of bad) {
      const { sent } = await slash({ name: 'about' });
      const response = await fetch(`${server.apiUrl}/v10/interactions/${sent.interactionId}/${sent.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 9, data }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { code: number }).code).toBe(50035);
      expect(server.modalFor(sent.interactionId)).toBeUndefined();
    }
  });

  it('submits a modal nobody opened with one action row per field when told who and where', async () => {
    const arrived = nextInteraction<ModalSubmitInteraction>((i) => i.isModalSubmit());
    await server.submitModal({ customId: 'free', values: { a: '1', b: '2' }, userId: server.userId, channelId: server.channelId });
    const submit = await arrived;
    expect(submit.components.map((c) => c.type)).toEqual([1, 1]);
    expect([submit.fields.getTextInputValue('a'), submit.fields.getTextInputValue('b')]).toEqual(['1', '2']);
    await expect(server.submitModal({ customId: 'unknown', values: {} })).rejects.toThrow(/No modal "unknown" is open/);
  });
});
