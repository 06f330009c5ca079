// The shape of one slash command module in commands/: its definition and its handler.
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.ts';

export interface SlashCommand {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

export function isSlashCommand(value: unknown): value is SlashCommand {
  const candidate = value as Partial<SlashCommand> | undefined;
  return (
    typeof candidate?.execute === 'function' &&
    typeof candidate.data?.name === 'string' &&
    typeof candidate.data.toJSON === 'function'
  );
}
