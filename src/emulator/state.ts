// The world the local Discord server plays: one guild (and any others added, each with its own text
// channels), roles, a bot and some people, plus every message, thread, command, interaction, attachment
// and modal, and their API shapes.
import { randomBytes } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';
import type { APIEmbed, APIGuildMember, APIMessage, APIMessageTopLevelComponent, APIModalInteractionResponseCallbackData, APIRole, APITextChannel, APIThreadChannel, APIUser, ChannelFlags, GuildMemberFlags, RoleFlags, UserFlags } from 'discord-api-types/v10';
import { snowflake } from './snowflake.ts';
import { effectivePings, mentionTokens, type AllowedMentions } from './mentions.ts';

export type Json = Record<string, unknown>;

export const ChannelType = { GuildText: 0, PublicThread: 11, PrivateThread: 12 } as const;
export const MessageFlag = { HasThread: 1 << 5, Ephemeral: 1 << 6, Loading: 1 << 7 } as const;
export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20 } as const;

const P = {
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
};
export const MEMBER_PERMISSIONS = Object.values(P).reduce((a, b) => a | b, 0n).toString();
/** Every permission Discord defines: what the guild's owner has, and people added without a permissions option. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** Guild role ids this member has (not @everyone). */
  roles?: string[];
  /** The member's permissions in interactions (member.permissions); all when absent. */
  permissions?: bigint;
}

export interface ChannelRecord {
  id: string;
  name: string;
  topic: string | null;
}

export interface RoleRecord {
  id: string;
  name: string;
  position: number;
}

/** A file a person attached to a command option, served back at its url. */
export interface AttachmentRecord {
  id: string;
  channelId: string;
  filename: string;
  content: Buffer;
  contentType: string | undefined;
}

/** A modal the bot opened in answer to an interaction. */
export interface ModalRecord {
  interactionId: string;
  data: APIModalInteractionResponseCallbackData;
  /** A person submits a modal once; then it is closed. */
  submitted: boolean;
}

export interface ThreadRecord {
  id: string;
  parentId: string;
  name: string;
  ownerId: string;
  type: number;
  createdAt: number;
  archived: boolean;
}

export interface InteractionMetadata {
  id: string;
  type: number;
  userId: string;
  /** The command's name, for application commands. */
  name?: string;
  originalResponseMessageId?: string;
  interactedMessageId?: string;
}

export interface StoredMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  type: number;
  /** allowed_mentions exactly as the sender passed it (undefined when absent). */
  allowedMentions: AllowedMentions | undefined;
  /** Who this message notifies: 'everyone', 'user:ID', 'role:ID'. */
  pings: string[];
  messageReference?: { message_id: string; channel_id: string; guild_id: string };
  interaction?: InteractionMetadata;
  webhookId?: string;
  createdAt: number;
  editedAt: number | null;
  deleted: boolean;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  name?: string;
  channelId: string;
  userId: string;
  createdAt: number;
  acknowledged: boolean;
  callbackType?: number;
  callbackData?: Json;
  originalMessageId?: string;
  /** For component interactions: the message whose button was pressed. */
  sourceMessageId?: string;
}

export interface CommandRecord extends Json {
  id: string;
  name: string;
}

/** The ids that make a world the same world: what the sandbox keeps so a restart continues it. */
export interface WorldIds {
  applicationId: string;
  guildId: string;
  channelId: string;
  botRoleId: string;
  botId: string;
  /** The person the sandbox page plays. */
  personId: string;
}

/** A world as an earlier run left it: its ids and its conversation, oldest message first. */
export interface SavedWorld {
  ids: WorldIds;
  messages: StoredMessage[];
  threads: ThreadRecord[];
  /** Text channels besides the first (addChannel); older saves have none. */
  channels?: ChannelRecord[];
}

export class World {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly botRoleId: string;
  readonly bot: UserRecord;
  readonly token: string;
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly roles = new Map<string, RoleRecord>();
  readonly attachments = new Map<string, AttachmentRecord>();
  /** Modals the bot opened, by the id of the interaction they answered. */
  readonly modals = new Map<string, ModalRecord>();
  readonly messages = new Map<string, StoredMessage>();
  readonly threads = new Map<string, ThreadRecord>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Guilds besides the first, by id: their names (the people and roles are the first guild's). */
  readonly otherGuilds = new Map<string, string>();
  /** The guild of each text channel of another guild (absent: the first guild's). */
  private readonly channelGuilds = new Map<string, string>();
  globalCommands: CommandRecord[] = [];
  guildCommands: CommandRecord[] = [];
  readonly startedAt = Date.now();

  constructor(saved?: SavedWorld) {
    const ids = saved?.ids;
    this.applicationId = ids?.applicationId ?? snowflake();
    this.guildId = ids?.guildId ?? snowflake();
    this.channelId = ids?.channelId ?? snowflake();
    this.botRoleId = ids?.botRoleId ?? snowflake();
    this.bot = { id: ids?.botId ?? snowflake(), username: 'article-bot', globalName: 'Article Bot', bot: true };
    for (const thread of saved?.threads ?? []) this.threads.set(thread.id, thread);
    for (const message of saved?.messages ?? []) this.messages.set(message.id, message);
    this.token = `${Buffer.from(this.bot.id).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(20).toString('base64url')}`;
    this.users.set(this.bot.id, this.bot);
    this.channels.set(this.channelId, { id: this.channelId, name: 'general', topic: null });
    for (const channel of saved?.channels ?? []) this.channels.set(channel.id, channel);
  }

  /** A person; `id` brings back one from a saved world. */
  addUser(
    username: string,
    id: string = snowflake(),
    options: { permissions?: bigint; roles?: string[] } = {},
  ): UserRecord {
    for (const role of options.roles ?? []) if (!this.roles.has(role)) throw new Error(`Unknown role ${role}`);
    const user: UserRecord = {
      id,
      username,
      globalName: username,
      bot: false,
      ...(options.roles && { roles: [...options.roles] }),
      ...(options.permissions !== undefined && { permissions: options.permissions }),
    };
    this.users.set(user.id, user);
    return user;
  }

  /** A guild text channel (of the first guild unless another is named); Discord lower-cases its name and joins words with dashes. */
  addChannel(name: string, guildId: string = this.guildId): ChannelRecord {
    if (guildId !== this.guildId && !this.otherGuilds.has(guildId)) throw new Error(`Unknown guild ${guildId}`);
    const normalized = name.trim().toLowerCase().replace(/\s+/gu, '-');
    if (normalized.length === 0 || [...normalized].length > 100) throw new Error('A channel name holds 1 to 100 characters');
    const channel: ChannelRecord = { id: snowflake(), name: normalized, topic: null };
    this.channels.set(channel.id, channel);
    if (guildId !== this.guildId) this.channelGuilds.set(channel.id, guildId);
    return channel;
  }

  /** Another guild the bot is in, with a #general of its own; the same people are its members. */
  addGuild(name: string): { guildId: string; channel: ChannelRecord } {
    const guildId = snowflake();
    this.otherGuilds.set(guildId, name);
    return { guildId, channel: this.addChannel('general', guildId) };
  }

  /** The guild a channel or thread is in. */
  guildOf(channelId: string): string {
    return this.channelGuilds.get(this.parentOf(channelId)) ?? this.guildId;
  }

  guildIds(): string[] {
    return [this.guildId, ...this.otherGuilds.keys()];
  }

  /** A guild role without permissions of its own, below the bot's. */
  addRole(name: string): RoleRecord {
    if (name.length === 0 || [...name].length > 100) throw new Error('A role name holds 1 to 100 characters');
    const record: RoleRecord = { id: snowflake(), name, position: 1 };
    for (const other of this.roles.values()) other.position += 1;
    this.roles.set(record.id, record);
    return record;
  }

  /** What a person may do, as interactions report it in member.permissions. */
  permissionsOf(user: UserRecord): bigint {
    return user.permissions ?? ALL_PERMISSIONS;
  }

  user(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw new Error(`Unknown user ${id}`);
    return user;
  }

  isTextChannel(id: string): boolean {
    return this.channels.has(id) || this.threads.has(id);
  }

  /** The guild text channel a message in `channelId` belongs to (itself or a thread's parent). */
  parentOf(channelId: string): string {
    return this.threads.get(channelId)?.parentId ?? channelId;
  }

  createMessage(input: {
    channelId: string;
    authorId: string;
    body: Json;
    type?: number;
    interaction?: InteractionMetadata;
    webhookId?: string;
    extraFlags?: number;
  }): StoredMessage {
    const body = input.body;
    const reference = body.message_reference as { message_id?: string } | undefined;
    const referenced = reference?.message_id ? this.messages.get(reference.message_id) : undefined;
    const content = typeof body.content === 'string' ? body.content : '';
    const allowedMentions = body.allowed_mentions as AllowedMentions | undefined;
    const message: StoredMessage = {
      id: snowflake(),
      channelId: input.channelId,
      authorId: input.authorId,
      content,
      // shapes already checked by validateMessageBody
      embeds: Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [],
      components: Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [],
      flags: (Number(body.flags ?? 0) & MessageFlag.Ephemeral) | (input.extraFlags ?? 0),
      type: input.type ?? (referenced ? MessageType.Reply : MessageType.Default),
      allowedMentions,
      pings: effectivePings(content, allowedMentions, referenced?.authorId),
      ...(referenced && {
        messageReference: { message_id: referenced.id, channel_id: referenced.channelId, guild_id: this.guildOf(referenced.channelId) },
      }),
      ...(input.interaction && { interaction: input.interaction }),
      ...(input.webhookId && { webhookId: input.webhookId }),
      createdAt: Date.now(),
      editedAt: null,
      deleted: false,
    };
    this.messages.set(message.id, message);
    return message;
  }

  editMessage(message: StoredMessage, body: Json): StoredMessage {
    if (typeof body.content === 'string' || body.content === null) message.content = body.content ?? '';
    if (Array.isArray(body.embeds)) message.embeds = body.embeds;
    if (Array.isArray(body.components)) message.components = body.components;
    if ('allowed_mentions' in body) message.allowedMentions = body.allowed_mentions as AllowedMentions;
    const referenced = message.messageReference ? this.messages.get(message.messageReference.message_id) : undefined;
    message.pings = effectivePings(message.content, message.allowedMentions, referenced?.authorId);
    message.flags &= ~MessageFlag.Loading;
    message.editedAt = Date.now();
    return message;
  }

  createThread(input: { id?: string; parentId: string; name: string; type: number }): ThreadRecord {
    const thread: ThreadRecord = {
      id: input.id ?? snowflake(),
      parentId: input.parentId,
      name: input.name,
      ownerId: this.bot.id,
      type: input.type,
      createdAt: Date.now(),
      archived: false,
    };
    this.threads.set(thread.id, thread);
    return thread;
  }

  // ---- API shapes ----

  apiUser(user: UserRecord): APIUser {
    return {
      id: user.id,
      username: user.username,
      global_name: user.globalName,
      discriminator: '0',
      avatar: null,
      bot: user.bot,
      system: false,
      public_flags: 0 as UserFlags,
    };
  }

  apiMember(user: UserRecord, withUser = true): Omit<APIGuildMember, 'user'> & { user?: APIUser } {
    return {
      ...(withUser && { user: this.apiUser(user) }),
      nick: null,
      avatar: null,
      roles: user.bot ? [this.botRoleId] : [...(user.roles ?? [])],
      joined_at: new Date(this.startedAt).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
    };
  }

  apiChannel(id: string): APITextChannel | APIThreadChannel {
    const thread = this.threads.get(id);
    if (thread) return this.apiThread(thread);
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`Unknown channel ${id}`);
    return {
      id: channel.id,
      type: ChannelType.GuildText,
      guild_id: this.guildOf(channel.id),
      name: channel.name,
      topic: channel.topic,
      position: [...this.channels.keys()].indexOf(channel.id),
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      rate_limit_per_user: 0,
      last_message_id: this.lastMessageId(id),
      flags: 0 as ChannelFlags,
    };
  }

  apiThread(thread: ThreadRecord): APIThreadChannel {
    const count = [...this.messages.values()].filter((m) => m.channelId === thread.id && !m.deleted).length;
    return {
      id: thread.id,
      type: thread.type,
      guild_id: this.guildOf(thread.parentId),
      parent_id: thread.parentId,
      owner_id: thread.ownerId,
      name: thread.name,
      last_message_id: this.lastMessageId(thread.id),
      rate_limit_per_user: 0,
      message_count: count,
      member_count: 1,
      total_message_sent: count,
      flags: 0 as ChannelFlags,
      thread_metadata: {
        archived: thread.archived,
        auto_archive_duration: 1440,
        archive_timestamp: new Date(thread.createdAt).toISOString(),
        locked: false,
        create_timestamp: new Date(thread.createdAt).toISOString(),
      },
    };
  }

  apiMessage(message: StoredMessage): APIMessage {
    const author = this.user(message.authorId);
    const tokens = mentionTokens(message.content);
    const mentioned = tokens.users.map((id) => this.users.get(id)).filter((u): u is UserRecord => u !== undefined);
    const referenced = message.messageReference ? this.messages.get(message.messageReference.message_id) : undefined;
    const thread = this.threads.get(message.id);
    const data: APIMessage = {
      id: message.id,
      type: message.type,
      channel_id: message.channelId,
      author: this.apiUser(author),
      content: message.content,
      timestamp: new Date(message.createdAt).toISOString(),
      edited_timestamp: message.editedAt === null ? null : new Date(message.editedAt).toISOString(),
      tts: false,
      mention_everyone: false,
      mentions: mentioned.map((u) => ({ ...this.apiUser(u), member: this.apiMember(u, false) })),
      mention_roles: tokens.roles,
      attachments: [],
      embeds: message.embeds,
      components: message.components,
      pinned: false,
      flags: message.flags | (thread ? MessageFlag.HasThread : 0),
    };
    if (message.webhookId) {
      data.webhook_id = message.webhookId;
      data.application_id = this.applicationId;
    }
    if (message.messageReference) data.message_reference = { type: 0, ...message.messageReference };
    if (referenced) data.referenced_message = this.apiMessage({ ...referenced, messageReference: undefined });
    if (message.interaction) {
      const meta = message.interaction;
      data.interaction_metadata = {
        id: meta.id,
        type: meta.type,
        user: this.apiUser(this.user(meta.userId)),
        authorizing_integration_owners: { '0': this.guildOf(message.channelId) },
        ...(meta.originalResponseMessageId && { original_response_message_id: meta.originalResponseMessageId }),
        ...(meta.interactedMessageId && { interacted_message_id: meta.interactedMessageId }),
      };
    }
    if (thread) data.thread = this.apiThread(thread);
    return data;
  }

  /** A message as the gateway delivers it: with guild_id and the author's member. */
  gatewayMessage(message: StoredMessage): Json {
    const author = this.user(message.authorId);
    return {
      ...this.apiMessage(message),
      guild_id: this.guildOf(message.channelId),
      ...(!message.webhookId && { member: this.apiMember(author, false) }),
    };
  }

  guildCreate(guildId: string = this.guildId): Json {
    const members = [...this.users.values()].map((u) => this.apiMember(u));
    return {
      id: guildId,
      name: this.otherGuilds.get(guildId) ?? 'Article readers',
      icon: null,
      owner_id: [...this.users.values()].find((u) => !u.bot)?.id ?? this.bot.id,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: this.apiRoles(guildId),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'ar',
      nsfw_level: 0,
      joined_at: new Date(this.startedAt).toISOString(),
      large: false,
      unavailable: false,
      member_count: members.length,
      members,
      channels: [...this.channels.keys()].filter((id) => this.guildOf(id) === guildId).map((id) => this.apiChannel(id)),
      threads: [...this.threads.values()].filter((t) => !t.archived && this.guildOf(t.parentId) === guildId).map((t) => this.apiThread(t)),
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** @everyone, the people's roles, and the bot's managed role on top. */
  apiRoles(guildId: string = this.guildId): APIRole[] {
    const added = [...this.roles.values()].map((r) => this.apiRole(r));
    return [
      role(guildId, '@everyone', MEMBER_PERMISSIONS, 0, false),
      ...added,
      role(this.botRoleId, this.bot.username, MEMBER_PERMISSIONS, this.roles.size + 1, true),
    ];
  }

  apiRole(record: RoleRecord): APIRole {
    return role(record.id, record.name, '0', record.position, false);
  }

  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }

  private lastMessageId(channelId: string): string | null {
    return this.messagesIn(channelId).at(-1)?.id ?? null;
  }
}

function role(id: string, name: string, permissions: string, position: number, managed: boolean): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}
