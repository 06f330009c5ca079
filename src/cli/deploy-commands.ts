// npm run deploy-commands: registers the slash commands alone, without starting the bot.
import { DiscordAPIError, HTTPError, REST, Routes, type APIApplication } from 'discord.js';
import { ConfigError, requireToken } from '../config.ts';
import { loadCommands } from '../discord/load-commands.ts';
import { registerCommands } from '../discord/register.ts';
import { readSettings } from '../settings.ts';
import { runProgram } from './args.ts';

async function main(): Promise<void> {
  const config = requireToken(readSettings().bot);
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const applicationId =
    config.DISCORD_APPLICATION_ID ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
  const commands = await loadCommands();
  const { count, scope } = await registerCommands(rest, applicationId, commands.values(), config.DISCORD_GUILD_ID);
  process.stdout.write(`Registered ${count} commands (${[...commands.keys()].map((n) => (/\s/.test(n) ? `"${n}" on messages` : `/${n}`)).join(', ')}) ${scope === 'global' ? 'globally (may take up to an hour to appear)' : `in ${scope}`}.\n`);
}

// Discord refusing (a bad token, no access) or not answering is told in one line, not a stack.
await runProgram(main, [ConfigError, DiscordAPIError, HTTPError]);
