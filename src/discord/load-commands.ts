// Reads commands/: every module exporting `data` and `execute` is a command. New command = new file.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { isSlashCommand, type SlashCommand } from './command.ts';
import { PROJECT_ROOT } from '../paths.ts';

const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** A compiled command whose TypeScript was deleted or renamed since the build is not a command any more. */
function hasSource(compiled: string): boolean {
  return existsSync(join(PROJECT_ROOT, 'commands', compiled.replace(/\.js$/, '.ts')));
}

export async function loadCommands(dir = COMMANDS_DIR): Promise<Map<string, SlashCommand>> {
  const commands = new Map<string, SlashCommand>();
  const files = readdirSync(dir)
    .filter((file) => /\.(ts|js|mjs)$/.test(file) && !/\.(test|d)\.ts$/.test(file))
    .filter((file) => !file.endsWith('.js') || hasSource(file))
    .sort();
  for (const file of files) {
    const module: unknown = await import(pathToFileURL(join(dir, file)).href);
    if (!isSlashCommand(module)) throw new Error(`commands/${file} must export \`data\` (a SlashCommandBuilder) and \`execute\`.`);
    if (commands.has(module.data.name)) throw new Error(`Two command modules define /${module.data.name}.`);
    commands.set(module.data.name, module);
  }
  return commands;
}
