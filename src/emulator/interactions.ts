// Interactions: injecting INTERACTION_CREATE events as a person would cause them, and answering
// the callback and webhook routes with Discord's rules on deadlines and repeated answers.
import { randomBytes } from 'node:crypto';
import { ATTACHMENT_SIZE_LIMIT, commandData, type OptionInput } from './command-options.ts';
import { ApiError, unknown, type ServerContext } from './context.ts';
import { modalSubmission, validateModal } from './modals.ts';
import { snowflake } from './snowflake.ts';
import {
  MEMBER_PERMISSIONS,
  MessageFlag,
  MessageType,
  type InteractionRecord,
  type Json,
  type StoredMessage,
} from './state.ts';
import { validateMessageBody } from './validate.ts';

export { OptionType, type AttachmentInput, type AttachmentOptionInput, type CommandOptionInput, type OptionInput } from './command-options.ts';

const InteractionType = { ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
const CallbackType = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

export interface InjectedInteraction {
  interactionId: string;
  token: string;
  /** performance.now() when INTERACTION_CREATE went out. */
  dispatchedAt: number;
}

/** A slash command as a person types it; options go under `subcommand` (in `subcommandGroup`) when given. */
export interface CommandInput {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: OptionInput[];
  userId: string;
  channelId: string;
}

export interface InteractionTiming {
  /** Pretend the person acted this long ago (use 16 minutes for an expired token). */
  ageMs?: number;
  /** An id that is not a snowflake (a forged interaction). */
  forgedId?: string;
}

export class Interactions {
  constructor(private readonly ctx: ServerContext) {}

  slashCommand(input: CommandInput & InteractionTiming): InjectedInteraction {
    return this.inject(InteractionType.ApplicationCommand, input, this.commandData(input));
  }

  autocomplete(input: CommandInput & { focused: string }): InjectedInteraction {
    return this.inject(InteractionType.Autocomplete, input, this.commandData(input));
  }

  /**
   * A person submits a modal. With a modal the bot opened under this custom id, the submission
   * takes its layout, and by default the person and channel of the interaction that opened it.
   */
  modalSubmit(input: {
    customId: string;
    values: Record<string, string>;
    userId?: string;
    channelId?: string;
  }): InjectedInteraction {
    const { world } = this.ctx;
    const openerOf = (interactionId: string) => [...world.interactions.values()].find((r) => r.id === interactionId);
    // The newest modal under this id still open before the person (each modal is submitted once).
    const opened = [...world.modals.values()]
      .reverse()
      .find(
        (m) =>
          !m.submitted &&
          m.data.custom_id === input.customId &&
          (!input.userId || openerOf(m.interactionId)?.userId === input.userId),
      );
    const opener = opened ? openerOf(opened.interactionId) : undefined;
    const source = opener?.sourceMessageId ? world.messages.get(opener.sourceMessageId) : undefined;
    const userId = input.userId ?? opener?.userId;
    const channelId = input.channelId ?? opener?.channelId;
    if (!userId || !channelId) throw new Error(`No modal "${input.customId}" is open: give userId and channelId`);
    const data = modalSubmission(input.customId, input.values, opened?.data);
    if (opened) opened.submitted = true;
    // A modal opened from a button carries that message, so the submit can update it.
    const message = source && !source.deleted ? source : undefined;
    return this.inject(InteractionType.ModalSubmit, { userId, channelId }, { ...data }, message);
  }

  /** A message command (right-click > Apps on a message): the message travels in `resolved`, as on Discord. */
  messageCommand(input: { name: string; messageId: string; userId: string } & InteractionTiming): InjectedInteraction {
    const { world } = this.ctx;
    const message = world.messages.get(input.messageId);
    if (!message || message.deleted) throw new Error(`No message ${input.messageId} to run /${input.name} on`);
    const command = [...world.guildCommands, ...world.globalCommands].find((c) => c.name === input.name && c.type === 3);
    return this.inject(
      InteractionType.ApplicationCommand,
      { ...input, channelId: message.channelId },
      {
        id: command?.id ?? snowflake(),
        name: input.name,
        type: 3,
        target_id: message.id,
        resolved: { messages: { [message.id]: world.apiMessage(message) } },
        ...(command?.guild_id !== undefined && { guild_id: command.guild_id }),
      },
    );
  }

  button(input: { customId: string; messageId: string; userId: string } & InteractionTiming): InjectedInteraction {
    const message = this.ctx.world.messages.get(input.messageId);
    if (!message || message.deleted) throw new Error(`No message ${input.messageId} to press a button on`);
    const customIds = buttonIds(message);
    if (!customIds.includes(input.customId)) {
      throw new Error(`Message ${message.id} has no button "${input.customId}" (it has: ${customIds.join(', ') || 'none'})`);
    }
    return this.inject(
      InteractionType.MessageComponent,
      { ...input, channelId: message.channelId },
      { custom_id: input.customId, component_type: 2 },
      message,
    );
  }

  private inject(
    type: number,
    input: { userId: string; channelId: string; name?: string } & InteractionTiming,
    data: Json,
    message?: StoredMessage,
  ): InjectedInteraction {
    const { world } = this.ctx;
    if (!world.isTextChannel(input.channelId)) throw new Error(`Unknown channel ${input.channelId}`);
    const user = world.user(input.userId);
    const createdAt = Date.now() - (input.ageMs ?? 0);
    const record: InteractionRecord = {
      id: input.forgedId ?? snowflake(createdAt),
      token: `aW50ZXJhY3Rpb24.${randomBytes(24).toString('base64url')}`,
      type,
      ...(input.name !== undefined && { name: input.name }),
      channelId: input.channelId,
      userId: user.id,
      createdAt,
      acknowledged: false,
      ...(message && { sourceMessageId: message.id }),
    };
    world.interactions.set(record.token, record);
    const channel = world.apiChannel(input.channelId);
    this.ctx.gateway.dispatch('INTERACTION_CREATE', {
      id: record.id,
      application_id: world.applicationId,
      type,
      data,
      guild_id: world.guildOf(input.channelId),
      channel,
      channel_id: input.channelId,
      member: { ...world.apiMember(user), permissions: world.permissionsOf(user).toString() },
      token: record.token,
      version: 1,
      app_permissions: MEMBER_PERMISSIONS,
      locale: 'ar',
      guild_locale: 'ar',
      entitlements: [],
      authorizing_integration_owners: { '0': world.guildOf(input.channelId) },
      context: 0,
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      ...(message && { message: world.apiMessage(message) }),
    });
    return { interactionId: record.id, token: record.token, dispatchedAt: performance.now() };
  }

  private commandData(input: CommandInput & { focused?: string }): Json {
    return commandData(this.ctx.world, this.ctx.origin, {
      name: input.name,
      ...(input.subcommandGroup !== undefined && { subcommandGroup: input.subcommandGroup }),
      ...(input.subcommand !== undefined && { subcommand: input.subcommand }),
      options: input.options ?? [],
      channelId: input.channelId,
      ...(input.focused !== undefined && { focused: input.focused }),
    });
  }

  // ---- REST: POST /interactions/{id}/{token}/callback ----

  callback(id: string, token: string, body: Json, withResponse: boolean): { status: number; body?: Json } {
    const { world, settings } = this.ctx;
    const record = world.interactions.get(token);
    if (!record || record.id !== id) throw unknown('interaction');
    if (record.acknowledged) {
      throw new ApiError(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    }
    if (Date.now() - record.createdAt > settings.interactionDeadlineMs) throw unknown('interaction');
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    let message: StoredMessage | undefined;
    switch (type) {
      case CallbackType.ChannelMessage:
        validateMessageBody(data, { creating: true });
        message = this.createResponse(record, data, 0);
        break;
      case CallbackType.DeferredChannelMessage:
        message = this.createResponse(record, { flags: data.flags }, MessageFlag.Loading);
        break;
      case CallbackType.DeferredUpdateMessage:
      case CallbackType.UpdateMessage: {
        message = record.sourceMessageId ? world.messages.get(record.sourceMessageId) : undefined;
        if (!message) throw new ApiError(400, { message: 'Interaction is not on a message', code: 50035 });
        if (type === CallbackType.UpdateMessage) {
          validateMessageBody(data, { creating: false });
          this.ctx.messageUpdated(world.editMessage(message, data));
        }
        break;
      }
      case CallbackType.AutocompleteResult:
        if (record.type !== InteractionType.Autocomplete) {
          throw new ApiError(400, { message: 'Autocomplete results need an autocomplete interaction', code: 50035 });
        }
        break;
      case CallbackType.Modal: {
        if (record.type === InteractionType.Autocomplete || record.type === InteractionType.ModalSubmit) {
          throw new ApiError(400, { message: 'Interaction cannot open a modal', code: 50035 });
        }
        const modal = validateModal(data);
        world.modals.set(record.id, { interactionId: record.id, data: modal, submitted: false });
        break;
      }
      default:
        throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { type: 'invalid' } });
    }
    record.acknowledged = true;
    record.callbackType = type;
    record.callbackData = data;
    if (message) record.originalMessageId = message.id;
    this.ctx.events.emit('interactionResponse', { interactionId: record.id, type, data });
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: record.id,
          type: record.type,
          response_message_id: message?.id ?? null,
          response_message_loading: message ? (message.flags & MessageFlag.Loading) !== 0 : null,
          response_message_ephemeral: message ? (message.flags & MessageFlag.Ephemeral) !== 0 : null,
        },
        resource: { type, ...(message && { message: world.apiMessage(message) }) },
      },
    };
  }

  private createResponse(record: InteractionRecord, data: Json, extraFlags: number): StoredMessage {
    const { world } = this.ctx;
    const message = world.createMessage({
      channelId: record.channelId,
      authorId: world.bot.id,
      body: data,
      type: record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Reply,
      interaction: {
        id: record.id,
        type: record.type,
        userId: record.userId,
        ...(record.name !== undefined && { name: record.name }),
        ...(record.sourceMessageId && { interactedMessageId: record.sourceMessageId }),
      },
      webhookId: world.applicationId,
      extraFlags,
    });
    this.ctx.messageCreated(message);
    return message;
  }

  // ---- REST: /webhooks/{app}/{token}[/messages/{id}] ----

  webhookRecord(applicationId: string, token: string): InteractionRecord {
    const record = this.ctx.world.interactions.get(token);
    if (!record || applicationId !== this.ctx.world.applicationId) throw unknown('Webhook');
    if (Date.now() - record.createdAt > this.ctx.settings.interactionTokenLifetimeMs) {
      throw new ApiError(401, { message: 'Invalid Webhook Token', code: 50027 });
    }
    return record;
  }

  webhookMessage(record: InteractionRecord, messageId: string): StoredMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const message = id ? this.ctx.world.messages.get(id) : undefined;
    const belongs =
      message && (message.id === record.originalMessageId || message.interaction?.id === record.id);
    if (!message || message.deleted || !belongs) throw unknown('Message');
    return message;
  }

  followUp(record: InteractionRecord, body: Json, threadId: string | undefined): StoredMessage {
    const { world } = this.ctx;
    if (!record.acknowledged) throw unknown('Webhook');
    validateMessageBody(body, { creating: true });
    const channelId = threadId ?? record.channelId;
    if (!world.isTextChannel(channelId)) throw unknown('Channel');
    const message = world.createMessage({
      channelId,
      authorId: world.bot.id,
      body,
      type: MessageType.ChatInputCommand,
      interaction: {
        id: record.id,
        type: record.type,
        userId: record.userId,
        ...(record.name !== undefined && { name: record.name }),
        ...(record.originalMessageId && { originalResponseMessageId: record.originalMessageId }),
      },
      webhookId: world.applicationId,
    });
    this.ctx.messageCreated(message);
    return message;
  }
}

export function buttonIds(message: StoredMessage): string[] {
  const ids: string[] = [];
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const child of row.components) {
      if ('custom_id' in child && typeof child.custom_id === 'string') ids.push(child.custom_id);
    }
  }
  return ids;
}

