// Registers the slash commands: to one server when a guild id is given (visible at once), else globally.
import { Routes, type REST } from 'discord.js';
import type { SlashCommand } from './command.ts';

export async function registerCommands(
  rest: REST,
  applicationId: string,
  commands: Iterable<SlashCommand>,
  guildId?: string,
): Promise<{ count: number; scope: string }> {
  const body = [...commands].map((command) => command.data.toJSON());
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body });
  return { count: body.length, scope: guildId ? `guild ${guildId}` : 'global' };
}
