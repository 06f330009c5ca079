// The shape of one command module in commands/: its definition and its handler. A module is a slash
// command (SlashCommandBuilder) or a message command (ContextMenuCommandBuilder, right-click > Apps).
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ModalSubmitInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.ts';
import type { KeptInteraction } from './store.ts';

export interface SlashCommand {
  data: { name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  // A method, so a module may narrow it to the one kind of interaction its definition receives.
  execute(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons and modals whose custom id starts with "<command name>:" come back to their command. */
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
  modalSubmit?(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void>;
  /** Answers an interaction acknowledged before a restart (see kept-interactions.ts), from its kept options. */
  resume?(kept: KeptInteraction & { messageId: string }, ctx: BotContext): Promise<void>;
}

/** The command a button or modal belongs to, by its custom id's prefix. */
export function ownerOf(customId: string): string {
  return customId.slice(0, Math.max(0, customId.indexOf(':')));
}

export function isSlashCommand(value: unknown): value is SlashCommand {
  const candidate = value as Partial<SlashCommand> | undefined;
  return (
    typeof candidate?.execute === 'function' &&
    typeof candidate.data?.name === 'string' &&
    typeof candidate.data.toJSON === 'function'
  );
}
