// What a line typed into the sandbox page means, decided the way Discord's own client decides it:
// a known slash command becomes an interaction (options parsed from the registered definition),
// an unknown one is sent as plain text, "@bot ..." mentions the bot, and limits are enforced.
import { OptionType, type CommandOptionInput } from '../emulator/interactions.ts';

export interface OptionDefinition {
  name: string;
  type: number;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  max_length?: number;
  autocomplete?: boolean;
}

export interface CommandDefinition {
  name: string;
  options?: OptionDefinition[];
}

export type SandboxAction =
  | { kind: 'nothing' }
  | { kind: 'notice'; text: string }
  | { kind: 'command'; name: string; options: CommandOptionInput[] }
  | { kind: 'message'; content: string; mentionBot: boolean; hint?: string };

const MESSAGE_LIMIT = 2_000;
const OPTION_STRING_LIMIT = 6_000;

export function parseInput(text: string, commands: CommandDefinition[]): SandboxAction {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { kind: 'nothing' };
  const slash = /^\/([\p{L}\p{N}_-]+)(?:\s+([\s\S]*))?$/u.exec(trimmed);
  const command = slash ? commands.find((c) => c.name === slash[1]?.toLowerCase()) : undefined;
  if (slash && command) return parseCommand(command, slash[2] ?? '');
  const mention = /^@bot\b\s*([\s\S]*)$/i.exec(trimmed);
  const content = mention ? (mention[1] ?? '') : trimmed;
  if ([...content].length > MESSAGE_LIMIT) {
    return { kind: 'notice', text: `Not sent: a message holds at most ${MESSAGE_LIMIT.toLocaleString('en')} characters (this one has ${[...content].length.toLocaleString('en')}).` };
  }
  // as in Discord, an unknown "/foo" is only text; say which commands there are
  const hint = slash ? `/${slash[1]} is not a command here, so it was sent as a message. Commands: ${commands.map((c) => `/${c.name}`).join(', ')}.` : undefined;
  return { kind: 'message', content, mentionBot: mention !== null, ...(hint ? { hint } : {}) };
}

function parseCommand(command: CommandDefinition, rest: string): SandboxAction {
  const definitions = command.options ?? [];
  const given = new Map<string, string>();
  let free = rest.trim();

  // Named options ("topic: trade"), as the Discord client shows them.
  const names = definitions.map((d) => escapeRegExp(d.name)).join('|');
  if (names) {
    const marker = new RegExp(`(?:^|\\s)(${names}):`, 'g');
    const hits = [...free.matchAll(marker)];
    if (hits.length > 0) {
      const leftovers = [free.slice(0, hits[0]?.index ?? 0).trim()];
      hits.forEach((hit, i) => {
        const start = (hit.index ?? 0) + hit[0].length;
        const end = hits[i + 1]?.index ?? free.length;
        const segment = free.slice(start, end).trim();
        const definition = definitions.find((d) => d.name === hit[1]);
        if (definition && !takesText(definition)) {
          // A flag or a choice is one word; what follows it is free text again.
          const [word = '', ...others] = segment.split(/\s+/);
          given.set(definition.name, word);
          leftovers.push(others.join(' '));
        } else {
          given.set(hit[1] ?? '', segment);
        }
      });
      free = leftovers.filter((l) => l.length > 0).join(' ');
    }
  }

  // The rest fills the other options in order: a choice or flag takes one word, a string the rest.
  for (const definition of definitions) {
    if (given.has(definition.name) || free.length === 0) continue;
    const [word = '', ...others] = free.split(/\s+/);
    if (takesText(definition)) {
      given.set(definition.name, free);
      free = '';
    } else if (fits(definition, word)) {
      given.set(definition.name, word);
      free = others.join(' ');
    }
  }

  const options: CommandOptionInput[] = [];
  for (const definition of definitions) {
    const raw = given.get(definition.name);
    if (raw === undefined || raw === '') {
      if (definition.required) return { kind: 'notice', text: `/${command.name} needs ${definition.name}: ${usage(command)}` };
      continue;
    }
    const value = convert(definition, raw);
    if (value === undefined) return { kind: 'notice', text: `/${command.name}: "${raw}" is not a valid ${definition.name}. ${usage(command)}` };
    const limit = definition.max_length ?? OPTION_STRING_LIMIT;
    if (typeof value === 'string' && [...value].length > limit) {
      return { kind: 'notice', text: `/${command.name}: ${definition.name} holds at most ${limit.toLocaleString('en')} characters.` };
    }
    options.push({ name: definition.name, type: definition.type, value });
  }
  if (free.length > 0) return { kind: 'notice', text: `/${command.name} does not take "${free}". ${usage(command)}` };
  return { kind: 'command', name: command.name, options };
}

function takesText(definition: OptionDefinition): boolean {
  return definition.type === OptionType.String && !(definition.choices && definition.choices.length > 0);
}

function fits(definition: OptionDefinition, word: string): boolean {
  return convert(definition, word) !== undefined;
}

function convert(definition: OptionDefinition, raw: string): string | number | boolean | undefined {
  if (definition.choices && definition.choices.length > 0) {
    const choice = definition.choices.find(
      (c) => c.name.toLowerCase() === raw.toLowerCase() || String(c.value).toLowerCase() === raw.toLowerCase(),
    );
    return choice?.value;
  }
  switch (definition.type) {
    case OptionType.Boolean:
      if (/^(true|yes|on)$/i.test(raw)) return true;
      if (/^(false|no|off)$/i.test(raw)) return false;
      return undefined;
    case OptionType.Integer:
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case OptionType.Number:
      return Number.isFinite(Number(raw)) && raw.trim() !== '' ? Number(raw) : undefined;
    default:
      return raw;
  }
}

function usage(command: CommandDefinition): string {
  const parts = (command.options ?? []).map((o) => {
    const shape = o.choices?.length ? o.choices.map((c) => c.name).join('|') : o.name;
    return o.required ? `<${shape}>` : `[${shape}]`;
  });
  return `Usage: /${[command.name, ...parts].join(' ')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface AutocompleteRequest {
  name: string;
  focused: string;
  options: CommandOptionInput[];
}

/**
 * While a person types "/source 4", the Discord client asks the bot for suggestions for the
 * option being typed; here that is the command's autocomplete option, filled with the rest.
 */
export function autocompleteRequest(text: string, commands: CommandDefinition[]): AutocompleteRequest | null {
  const slash = /^\/([\p{L}\p{N}_-]+)\s+([\s\S]*)$/u.exec(text.trimStart());
  const command = slash ? commands.find((c) => c.name === slash[1]?.toLowerCase()) : undefined;
  const option = command?.options?.find((o) => o.autocomplete === true);
  if (!slash || !command || !option) return null;
  const typed = (slash[2] ?? '').replace(new RegExp(`^${escapeRegExp(option.name)}:\\s*`), '');
  return { name: command.name, focused: option.name, options: [{ name: option.name, type: option.type, value: typed }] };
}
