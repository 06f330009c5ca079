// What a line typed into the sandbox page means, decided the way Discord's own client decides it:
// a known slash command becomes an interaction (options parsed from the registered definition, under
// its subcommand when it has them; an attached file fills its ATTACHMENT option), an unknown one is
// sent as plain text, "@bot ..." mentions the bot, and limits are enforced.
import { OptionType, type AttachmentInput, type CommandOptionInput, type OptionInput } from '../emulator/interactions.ts';

export interface OptionDefinition {
  name: string;
  type: number;
  required?: boolean;
  choices?: { name: string; value: string | number }[];
  max_length?: number;
  autocomplete?: boolean;
  /** A subcommand's own options. */
  options?: OptionDefinition[];
}

export interface CommandDefinition {
  name: string;
  options?: OptionDefinition[];
}

export type SandboxAction =
  | { kind: 'nothing' }
  | { kind: 'notice'; text: string }
  | { kind: 'command'; name: string; subcommand?: string; options: OptionInput[] }
  | { kind: 'message'; content: string; mentionBot: boolean; hint?: string };

const MESSAGE_LIMIT = 2_000;
const OPTION_STRING_LIMIT = 6_000;
const SLASH = /^\/([\p{L}\p{N}_-]+)(?:\s+([\s\S]*))?$/u;

export function parseInput(text: string, commands: CommandDefinition[], file?: AttachmentInput): SandboxAction {
  const trimmed = text.trim();
  if (trimmed.length === 0) return file ? { kind: 'notice', text: fileHint(commands) } : { kind: 'nothing' };
  const slash = SLASH.exec(trimmed);
  const command = slash ? commands.find((c) => c.name === slash[1]?.toLowerCase()) : undefined;
  if (slash && command) return parseCommand(command, slash[2] ?? '', file);
  // a message with a file would be a post with an attachment, which the bot does not read
  if (file) return { kind: 'notice', text: fileHint(commands) };
  const mention = /^@bot\b\s*([\s\S]*)$/i.exec(trimmed);
  const content = mention ? (mention[1] ?? '') : trimmed;
  if ([...content].length > MESSAGE_LIMIT) {
    return { kind: 'notice', text: `Not sent: a message holds at most ${MESSAGE_LIMIT.toLocaleString('en')} characters (this one has ${[...content].length.toLocaleString('en')}).` };
  }
  // as in Discord, an unknown "/foo" is only text; say which commands there are
  const hint = slash ? `/${slash[1]} is not a command here, so it was sent as a message. Commands: ${commands.map((c) => `/${c.name}`).join(', ')}.` : undefined;
  return { kind: 'message', content, mentionBot: mention !== null, ...(hint ? { hint } : {}) };
}

/** The commands (with subcommand) that take a file, e.g. "/article add". */
export function fileCommands(commands: CommandDefinition[]): string[] {
  return commands.flatMap((c) => {
    const subs = subcommandsOf(c);
    if (subs.length === 0) return (c.options ?? []).some(isAttachment) ? [`/${c.name}`] : [];
    return subs.filter((s) => (s.options ?? []).some(isAttachment)).map((s) => `/${c.name} ${s.name}`);
  });
}

function fileHint(commands: CommandDefinition[]): string {
  const takers = fileCommands(commands);
  const which = takers.length > 0 ? `type ${takers.join(' or ')} and send it with the file` : 'no command here takes one';
  return `Not sent: a file goes with a command (${which}), or remove the file.`;
}

function subcommandsOf(command: CommandDefinition): OptionDefinition[] {
  return (command.options ?? []).filter((o) => o.type === OptionType.Subcommand);
}

function isAttachment(definition: OptionDefinition): boolean {
  return definition.type === OptionType.Attachment;
}

/** A command with subcommands takes one first ("/article use A2"); its options follow. */
function parseCommand(command: CommandDefinition, rest: string, file: AttachmentInput | undefined): SandboxAction {
  const subs = subcommandsOf(command);
  if (subs.length === 0) return parseOptions({ name: command.name, label: `/${command.name}`, definitions: command.options ?? [] }, rest, file);
  const [, word = '', after = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest.trim()) ?? [];
  const sub = subs.find((s) => s.name === word.toLowerCase());
  const listed = subs.map((s) => `/${command.name} ${s.name}`).join(', ');
  if (!sub) {
    const text = word ? `/${command.name} has no subcommand "${word}". It has: ${listed}.` : `/${command.name} needs a subcommand: ${listed}.`;
    return { kind: 'notice', text };
  }
  const target = { name: command.name, subcommand: sub.name, label: `/${command.name} ${sub.name}`, definitions: sub.options ?? [] };
  return parseOptions(target, after, file);
}

interface Target {
  name: string;
  subcommand?: string;
  /** How the person would type it: "/ask", "/article use". */
  label: string;
  definitions: OptionDefinition[];
}

function parseOptions(target: Target, rest: string, file: AttachmentInput | undefined): SandboxAction {
  const { label } = target;
  const typedOptions = target.definitions.filter((d) => !isAttachment(d));
  const fileOption = target.definitions.find(isAttachment);
  if (file && !fileOption) return { kind: 'notice', text: `${label} takes no file: remove the file, or type a command that takes one.` };
  const { given, free } = readOptions(typedOptions, rest);
  const options: OptionInput[] = [];
  for (const definition of target.definitions) {
    if (isAttachment(definition)) {
      if (file) options.push({ name: definition.name, attachment: file });
      else if (definition.required) return { kind: 'notice', text: `${label} needs a file: attach one with 📎. ${usage(target)}` };
      continue;
    }
    const raw = given.get(definition.name);
    if (raw === undefined || raw === '') {
      if (definition.required) return { kind: 'notice', text: `${label} needs ${definition.name}: ${usage(target)}` };
      continue;
    }
    const value = convert(definition, raw);
    if (value === undefined) return { kind: 'notice', text: `${label}: "${raw}" is not a valid ${definition.name}. ${usage(target)}` };
    const limit = definition.max_length ?? OPTION_STRING_LIMIT;
    if (typeof value === 'string' && [...value].length > limit) {
      return { kind: 'notice', text: `${label}: ${definition.name} holds at most ${limit.toLocaleString('en')} characters.` };
    }
    options.push({ name: definition.name, type: definition.type, value });
  }
  if (free.length > 0) return { kind: 'notice', text: `${label} does not take "${free}". ${usage(target)}` };
  return { kind: 'command', name: target.name, ...(target.subcommand ? { subcommand: target.subcommand } : {}), options };
}

interface Marker {
  definition: OptionDefinition;
  /** Where the marker ("topic:") starts, and where its value starts. */
  at: number;
  valueAt: number;
}

/** Named options ("topic: trade") as the Discord client shows them, in the order typed. */
function markersIn(definitions: OptionDefinition[], text: string): Marker[] {
  const names = definitions.map((d) => escapeRegExp(d.name)).join('|');
  if (!names) return [];
  const marker = new RegExp(`(^|\\s)(${names}):\\s*`, 'g');
  return [...text.matchAll(marker)].map((hit) => ({
    definition: definitions.find((d) => d.name === hit[2])!,
    at: (hit.index ?? 0) + (hit[1] ?? '').length,
    valueAt: (hit.index ?? 0) + hit[0].length,
  }));
}

/**
 * Whether a named text option takes only its first word: when a required text option is left for the
 * words that follow ("/ask article:all who came?"), else it takes everything up to the next name.
 */
function oneWordEach(definitions: OptionDefinition[], markers: Marker[]): (d: OptionDefinition) => boolean {
  const named = new Set(markers.map((m) => m.definition.name));
  const freeTextWanted = definitions.some((d) => d.required && takesText(d) && !named.has(d.name));
  return (d) => !takesText(d) || freeTextWanted;
}

function readOptions(definitions: OptionDefinition[], rest: string): { given: Map<string, string>; free: string } {
  const given = new Map<string, string>();
  let free = rest.trim();
  const markers = markersIn(definitions, free);
  if (markers.length > 0) {
    const oneWord = oneWordEach(definitions, markers);
    const leftovers = [free.slice(0, markers[0]!.at).trim()];
    markers.forEach((marker, i) => {
      const segment = free.slice(marker.valueAt, markers[i + 1]?.at ?? free.length).trim();
      if (oneWord(marker.definition)) {
        // A flag, a choice or an id is one word; what follows it is free text again.
        const [, word = '', others = ''] = /^(\S*)\s*([\s\S]*)$/.exec(segment) ?? [];
        given.set(marker.definition.name, word);
        leftovers.push(others);
      } else {
        given.set(marker.definition.name, segment);
      }
    });
    free = leftovers.filter((l) => l.length > 0).join(' ');
  }

  // The rest fills the other options in order: a choice or flag takes one word, a string the rest.
  for (const definition of definitions) {
    if (given.has(definition.name) || free.length === 0) continue;
    const [, word = '', others = ''] = /^(\S*)\s*([\s\S]*)$/.exec(free) ?? [];
    if (takesText(definition)) {
      given.set(definition.name, free);
      free = '';
    } else if (fits(definition, word)) {
      given.set(definition.name, word);
      free = others;
    }
  }
  return { given, free };
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

function usage(target: Target): string {
  const parts = target.definitions.map((o) => {
    // a choice is typed by its value, which has no spaces ("for: server")
    const shape = o.choices?.length ? `${o.name}: ${o.choices.map((c) => String(c.value)).join('|')}` : isAttachment(o) ? `${o.name}: 📎` : o.name;
    return o.required ? `<${shape}>` : `[${shape}]`;
  });
  return `Usage: ${[target.label, ...parts].join(' ')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface AutocompleteRequest {
  name: string;
  subcommand?: string;
  focused: string;
  /** The options typed so far, the focused one last. */
  options: CommandOptionInput[];
  /** Where the focused value starts in the typed text: a chosen suggestion replaces what follows. */
  valueStart: number;
}

/**
 * While a person types "/source 4" or "/ask article: A", the Discord client asks the bot for
 * suggestions for the option being typed: the last named one ("article:"), or with none named the
 * first option, when that option has autocomplete. Options named before it go along.
 */
export function autocompleteRequest(text: string, commands: CommandDefinition[]): AutocompleteRequest | null {
  const head = /^\s*\/([\p{L}\p{N}_-]+)\s+/u.exec(text);
  const command = head ? commands.find((c) => c.name === head[1]?.toLowerCase()) : undefined;
  if (!head || !command) return null;
  let start = head[0].length;
  let definitions = command.options ?? [];
  let subcommand: string | undefined;
  if (subcommandsOf(command).length > 0) {
    // the subcommand must be complete (a space after it) before its options are typed
    const sub = /^(\S+)\s+/.exec(text.slice(start));
    const found = sub ? subcommandsOf(command).find((s) => s.name === sub[1]?.toLowerCase()) : undefined;
    if (!sub || !found) return null;
    subcommand = found.name;
    definitions = found.options ?? [];
    start += sub[0].length;
  }
  const typedOptions = definitions.filter((d) => !isAttachment(d));
  const rest = text.slice(start);
  const markers = markersIn(typedOptions, rest);
  const last = markers.at(-1);
  const focused = last?.definition ?? typedOptions[0];
  if (!focused?.autocomplete) return null;
  const valueAt = last ? last.valueAt : 0;
  const value = rest.slice(valueAt);
  // "/ask article:all who…": the id is done and the question is being typed
  if (last && oneWordEach(typedOptions, markers)(focused) && /\s/.test(value)) return null;
  const earlier = markers.slice(0, -1).flatMap((m, i): CommandOptionInput[] => {
    const raw = rest.slice(m.valueAt, markers[i + 1]!.at).trim().split(/\s+/)[0] ?? '';
    const converted = raw ? convert(m.definition, raw) : undefined;
    return converted === undefined ? [] : [{ name: m.definition.name, type: m.definition.type, value: converted }];
  });
  return {
    name: command.name,
    ...(subcommand ? { subcommand } : {}),
    focused: focused.name,
    options: [...earlier, { name: focused.name, type: focused.type, value }],
    valueStart: start + valueAt,
  };
}
