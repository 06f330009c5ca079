// What the sandbox page needs to draw a message or a thread: plain data, no markup. The page
// renders it with textContent only.
import type { DiscordServer, StoredMessage, ThreadRecord } from '../emulator/discord-server.ts';
import { MessageFlag } from '../emulator/state.ts';

export interface ButtonView {
  customId: string | null;
  label: string;
  emoji: string | null;
  style: number;
  disabled: boolean;
  url: string | null;
}

export interface EmbedView {
  title: string | null;
  description: string | null;
  fields: { name: string; value: string }[];
  footer: string | null;
}

export interface MessageView {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  embeds: EmbedView[];
  rows: ButtonView[][];
  ephemeral: boolean;
  loading: boolean;
  createdAt: number;
  editedAt: number | null;
  replyTo: { id: string; authorId: string; snippet: string } | null;
  command: { name: string; userId: string; interactionId: string } | null;
}

export interface ThreadView {
  id: string;
  name: string;
  parentId: string;
}

export interface UserView {
  id: string;
  name: string;
  bot: boolean;
}

type Loose = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function messageView(server: DiscordServer, message: StoredMessage): MessageView {
  const referenced = message.messageReference ? server.message(message.messageReference.message_id) : undefined;
  return {
    id: message.id,
    channelId: message.channelId,
    authorId: message.authorId,
    content: message.content,
    embeds: message.embeds.map((e) => embedView(e as unknown as Loose)),
    rows: message.components.map((row) => ('components' in row ? row.components : []).map((c) => buttonView(c as unknown as Loose))),
    ephemeral: (message.flags & MessageFlag.Ephemeral) !== 0,
    loading: (message.flags & MessageFlag.Loading) !== 0,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    replyTo: referenced
      ? { id: referenced.id, authorId: referenced.authorId, snippet: [...referenced.content].slice(0, 120).join('') }
      : null,
    command:
      message.interaction?.name !== undefined && !message.interaction.originalResponseMessageId
        ? { name: message.interaction.name, userId: message.interaction.userId, interactionId: message.interaction.id }
        : null,
  };
}

export function threadView(thread: ThreadRecord): ThreadView {
  return { id: thread.id, name: thread.name, parentId: thread.parentId };
}

export function userViews(server: DiscordServer): UserView[] {
  return server.users().map((u) => ({ id: u.id, name: u.globalName ?? u.username, bot: u.bot }));
}

function embedView(embed: Loose): EmbedView {
  const fields = Array.isArray(embed.fields) ? (embed.fields as Loose[]) : [];
  return {
    title: text(embed.title),
    description: text(embed.description),
    fields: fields.map((f) => ({ name: String(f.name ?? ''), value: String(f.value ?? '') })),
    footer: text((embed.footer as Loose | undefined)?.text),
  };
}

function buttonView(component: Loose): ButtonView {
  const emoji = component.emoji as Loose | undefined;
  return {
    customId: text(component.custom_id),
    label: text(component.label) ?? '',
    emoji: text(emoji?.name),
    style: Number(component.style ?? 2),
    disabled: component.disabled === true,
    url: text(component.url),
  };
}

export interface ModalFieldView {
  customId: string;
  label: string;
  description: string | null;
  /** Discord's text input styles: a short one-line input or a paragraph. */
  paragraph: boolean;
  required: boolean;
  minLength: number | null;
  maxLength: number | null;
  placeholder: string | null;
  value: string;
}

export interface ModalView {
  interactionId: string;
  customId: string;
  title: string;
  fields: ModalFieldView[];
}

const TEXT_INPUT = 4;
const ACTION_ROW = 1;
const LABEL = 18;
const PARAGRAPH = 2;

/** A form the bot opened: its text inputs, from either layout (an action row or a label around each). */
export function modalView(interactionId: string, modal: Loose): ModalView {
  const components = Array.isArray(modal.components) ? (modal.components as Loose[]) : [];
  const fields = components.flatMap((top): ModalFieldView[] => {
    if (top.type === LABEL) {
      const input = top.component as Loose | undefined;
      return input?.type === TEXT_INPUT ? [fieldView(input, text(top.label) ?? '', text(top.description))] : [];
    }
    const children = top.type === ACTION_ROW && Array.isArray(top.components) ? (top.components as Loose[]) : [];
    return children.filter((c) => c.type === TEXT_INPUT).map((c) => fieldView(c, text(c.label) ?? '', null));
  });
  return { interactionId, customId: String(modal.custom_id ?? ''), title: String(modal.title ?? ''), fields };
}

function fieldView(input: Loose, label: string, description: string | null): ModalFieldView {
  const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  return {
    customId: String(input.custom_id ?? ''),
    label,
    description,
    paragraph: input.style === PARAGRAPH,
    required: input.required !== false,
    minLength: number(input.min_length),
    maxLength: number(input.max_length),
    placeholder: text(input.placeholder),
    value: text(input.value) ?? '',
  };
}

export interface ChannelView {
  id: string;
  name: string;
}
