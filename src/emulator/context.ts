// What the REST routes and the event injectors share: the world, the gateway, switches for
// faults, and one place that announces message changes to the gateway and to observers.
import { EventEmitter } from 'node:events';
import { Intent, type Gateway } from './gateway.ts';
import { MessageFlag, type ChannelRecord, type Json, type RoleRecord, type StoredMessage, type ThreadRecord, type World } from './state.ts';

export interface Settings {
  denyThreadCreation: boolean;
  /** How long a client has to answer an interaction callback (Discord: 3 s). */
  interactionDeadlineMs: number;
  /** How long interaction tokens stay valid for webhooks (Discord: 15 min). */
  interactionTokenLifetimeMs: number;
  retryAfterSeconds: number;
  /** Added latency of each channel message post (0: none); benchmarks use it to let sources trail like on Discord. */
  channelPostDelayMs?: number;
}

export interface ServerEvents {
  messageCreate: [StoredMessage];
  messageUpdate: [StoredMessage];
  messageDelete: [StoredMessage];
  threadCreate: [ThreadRecord];
  channelCreate: [ChannelRecord];
  interactionResponse: [{ interactionId: string; type: number; data: Json }];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? status));
  }
}

export function unknown(kind: 'Channel' | 'Message' | 'Webhook' | 'interaction' | 'User' | 'Guild'): ApiError {
  const codes = { Channel: 10003, Message: 10008, Webhook: 10015, interaction: 10062, User: 10013, Guild: 10004 };
  return new ApiError(404, { message: `Unknown ${kind}`, code: codes[kind] });
}

export class ServerContext {
  readonly events = new EventEmitter<ServerEvents>();
  /** http://host:port of this server once it listens: where attachment urls point. */
  origin = '';

  constructor(
    readonly world: World,
    readonly gateway: Gateway,
    readonly settings: Settings,
  ) {
    this.events.setMaxListeners(100);
  }

  messageCreated(message: StoredMessage): void {
    this.events.emit('messageCreate', message);
    if (message.flags & MessageFlag.Ephemeral) return;
    this.gateway.dispatch('MESSAGE_CREATE', (intents) => this.messageFor(message, intents));
  }

  messageUpdated(message: StoredMessage): void {
    this.events.emit('messageUpdate', message);
    if (message.flags & MessageFlag.Ephemeral) return;
    this.gateway.dispatch('MESSAGE_UPDATE', (intents) => this.messageFor(message, intents));
  }

  messageDeleted(message: StoredMessage): void {
    message.deleted = true;
    this.events.emit('messageDelete', message);
    if (message.flags & MessageFlag.Ephemeral) return;
    this.gateway.dispatch('MESSAGE_DELETE', (intents) =>
      intents & Intent.GuildMessages
        ? { id: message.id, channel_id: message.channelId, guild_id: this.world.guildOf(message.channelId) }
        : null,
    );
  }

  channelCreated(channel: ChannelRecord): void {
    this.events.emit('channelCreate', channel);
    this.gateway.dispatch('CHANNEL_CREATE', (intents) =>
      intents & Intent.Guilds ? { ...this.world.apiChannel(channel.id) } : null,
    );
  }

  /** The bot joins another guild. */
  guildAdded(guildId: string): void {
    this.gateway.dispatch('GUILD_CREATE', (intents) => (intents & Intent.Guilds ? this.world.guildCreate(guildId) : null));
  }

  /** A new role goes in just above @everyone, so Discord announces the roles it moved up too. */
  roleCreated(role: RoleRecord): void {
    const guildId = this.world.guildId;
    this.gateway.dispatch('GUILD_ROLE_CREATE', (intents) =>
      intents & Intent.Guilds ? { guild_id: guildId, role: this.world.apiRole(role) } : null,
    );
    for (const moved of this.world.apiRoles().filter((r) => r.position > 1)) {
      this.gateway.dispatch('GUILD_ROLE_UPDATE', (intents) => (intents & Intent.Guilds ? { guild_id: guildId, role: moved } : null));
    }
  }

  threadCreated(thread: ThreadRecord): void {
    this.events.emit('threadCreate', thread);
    this.gateway.dispatch('THREAD_CREATE', (intents) =>
      intents & Intent.Guilds ? { ...this.world.apiThread(thread), newly_created: true } : null,
    );
  }

  /**
   * Guild messages need the GUILD_MESSAGES intent; their content needs MESSAGE_CONTENT
   * unless the bot wrote the message or is mentioned in it, as on Discord.
   */
  private messageFor(message: StoredMessage, intents: number): Json | null {
    if (!(intents & Intent.GuildMessages)) return null;
    const data = this.world.gatewayMessage(message);
    const bot = this.world.bot.id;
    const readable =
      intents & Intent.MessageContent || message.authorId === bot || message.content.includes(`<@${bot}>`) ||
      message.content.includes(`<@!${bot}>`);
    return readable ? data : { ...data, content: '', embeds: [], components: [], attachments: [] };
  }
}
