// The data of a slash command or autocomplete interaction as Discord builds it from what a person
// typed: option types from the registered command, options nested under a subcommand, and files
// attached to ATTACHMENT options uploaded and listed in `resolved`.
import { createHmac, randomBytes } from 'node:crypto';
import type { APIAttachment } from 'discord-api-types/v10';
import { snowflake } from './snowflake.ts';
import type { AttachmentRecord, Json, World } from './state.ts';

export const OptionType = { Subcommand: 1, SubcommandGroup: 2, String: 3, Integer: 4, Boolean: 5, Number: 10, Attachment: 11 } as const;

export interface AttachmentInput {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

export interface CommandOptionInput {
  name: string;
  type?: number;
  value: string | number | boolean;
}

/** A file given to an ATTACHMENT option: uploaded, then served at the url the interaction carries. */
export interface AttachmentOptionInput {
  name: string;
  attachment: AttachmentInput;
}

export type OptionInput = CommandOptionInput | AttachmentOptionInput;

/** The upload limit this server announces in interactions (attachment_size_limit). */
export const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

// Signs attachment urls as Discord's CDN does (ex, is, hm): a url rebuilt without them is refused.
const urlSecret = randomBytes(32);
const URL_LIFETIME_S = 24 * 60 * 60;

/** The query that signs an attachment (`key`: channel/id/filename, not url-encoded). */
export function attachmentSignature(key: string, issuedAt: number): string {
  const is = issuedAt.toString(16);
  const ex = (issuedAt + URL_LIFETIME_S).toString(16);
  const hm = createHmac('sha256', urlSecret).update(`${key}|${ex}|${is}`).digest('hex');
  return `?ex=${ex}&is=${is}&hm=${hm}`;
}

export function attachmentSignatureValid(key: string, query: URLSearchParams, nowS: number): boolean {
  const ex = query.get('ex') ?? '';
  const is = query.get('is') ?? '';
  const hm = query.get('hm') ?? '';
  if (!/^[0-9a-f]+$/.test(ex) || !/^[0-9a-f]+$/.test(is)) return false;
  const expected = createHmac('sha256', urlSecret).update(`${key}|${ex}|${is}`).digest('hex');
  return hm === expected && parseInt(ex, 16) >= nowS;
}

export function commandData(
  world: World,
  origin: string,
  input: {
    name: string;
    subcommandGroup?: string;
    subcommand?: string;
    options: OptionInput[];
    channelId: string;
    focused?: string;
  },
): Json {
  const guildCommand = world.guildCommands.find((c) => c.name === input.name);
  const command = guildCommand ?? world.globalCommands.find((c) => c.name === input.name);
  let declared = Array.isArray(command?.options) ? (command.options as Json[]) : [];
  // An unregistered command takes any subcommand; a registered one only those it declares.
  const descend = (type: number, name: string, what: string): void => {
    const found = declared.find((d) => d.type === type && d.name === name);
    if (command && !found) throw new Error(`/${input.name} has no ${what} "${name}"`);
    declared = Array.isArray(found?.options) ? (found.options as Json[]) : [];
  };
  if (input.subcommandGroup !== undefined) {
    if (input.subcommand === undefined) throw new Error('A subcommand group needs a subcommand');
    descend(OptionType.SubcommandGroup, input.subcommandGroup, 'subcommand group');
  }
  if (input.subcommand !== undefined) descend(OptionType.Subcommand, input.subcommand, 'subcommand');
  const attachments: Record<string, APIAttachment> = {};
  const options = input.options.map((o): Json => {
    const focused = o.name === input.focused ? { focused: true } : {};
    if ('attachment' in o) {
      const attachment = upload(world, origin, input.channelId, o.attachment);
      attachments[attachment.id] = attachment;
      return { name: o.name, type: OptionType.Attachment, value: attachment.id, ...focused };
    }
    const type = o.type ?? (declared.find((d) => d.name === o.name)?.type as number | undefined) ?? inferType(o.value);
    return { name: o.name, type, value: o.value, ...focused };
  });
  return {
    id: command?.id ?? snowflake(),
    name: input.name,
    type: 1,
    ...(guildCommand && { guild_id: world.guildId }),
    options: nest(options, input.subcommandGroup, input.subcommand),
    ...(Object.keys(attachments).length > 0 && { resolved: { attachments } }),
  };
}

/** Options under their subcommand, and that under its group, as Discord nests them. */
function nest(options: Json[], group: string | undefined, subcommand: string | undefined): Json[] {
  if (subcommand === undefined) return options;
  const sub = { name: subcommand, type: OptionType.Subcommand, options };
  return group === undefined ? [sub] : [{ name: group, type: OptionType.SubcommandGroup, options: [sub] }];
}

function upload(world: World, origin: string, channelId: string, input: AttachmentInput): APIAttachment {
  const content = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
  if (content.length > ATTACHMENT_SIZE_LIMIT) throw new Error(`${input.filename} is over the ${ATTACHMENT_SIZE_LIMIT}-byte upload limit`);
  // Discord replaces characters a url cannot hold with underscores.
  const filename = input.filename.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'unknown';
  const record: AttachmentRecord = {
    id: snowflake(),
    channelId,
    filename,
    content,
    contentType: input.contentType ?? guessContentType(filename),
  };
  world.attachments.set(record.id, record);
  const path = `/ephemeral-attachments/${channelId}/${record.id}/${encodeURIComponent(filename)}`;
  const signature = attachmentSignature(`${channelId}/${record.id}/${filename}`, Math.floor(Date.now() / 1000));
  return {
    id: record.id,
    filename,
    size: content.length,
    url: `${origin}${path}${signature}`,
    proxy_url: `${origin}/media${path}${signature}`,
    ...(record.contentType && { content_type: record.contentType }),
    ephemeral: true,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

function guessContentType(filename: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  return extension ? CONTENT_TYPES[extension] : undefined;
}

function inferType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}
