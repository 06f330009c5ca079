// Log lines for a person at a terminal: `12:04:31.207 INFO  bot ready guild=123 commands=4`, an error's
// stack indented under it. pino still builds (and redacts) the JSON line; this only re-writes it, so a
// secret removed from the JSON is never in the readable line either. Not a TTY: JSON stays as it is.
import type { DestinationStream } from 'pino';

const LEVELS: Record<number, { name: string; colour: string }> = {
  10: { name: 'TRACE', colour: '90' },
  20: { name: 'DEBUG', colour: '90' },
  30: { name: 'INFO', colour: '32' },
  40: { name: 'WARN', colour: '33' },
  50: { name: 'ERROR', colour: '31' },
  60: { name: 'FATAL', colour: '1;31' },
};

// Escape sequences or line breaks hidden in logged text (a question someone typed) must not drive the
// terminal or forge a line: they are shown escaped, as JSON would.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;
const escapeUnsafe = (text: string): string => text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function time(ms: unknown): string {
  if (typeof ms !== 'number') return '--:--:--.---';
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** `key=value`: plain words as they are, anything with spaces or quotes as a JSON string, objects as JSON. */
function field(key: string, value: unknown): string {
  if (typeof value === 'string') return `${key}=${/^[^\s"=]+$/u.test(value) ? escapeUnsafe(value) : JSON.stringify(value)}`;
  return `${key}=${escapeUnsafe(JSON.stringify(value) ?? String(value))}`;
}

interface ErrorField {
  type?: string;
  message?: string;
  stack?: string;
  [key: string]: unknown;
}

/** One JSON log line as a readable line (or a few, for an error's stack). Not JSON: shown as it came. */
export function formatLogLine(line: string, options: { colour?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const { level, time: at, msg, err, ...rest } = entry;
  const known = LEVELS[Number(level)] ?? { name: String(level ?? '?').toUpperCase(), colour: '0' };
  const name = known.name.padEnd(5);
  const parts = [time(at), options.colour ? `\u001b[${known.colour}m${name}\u001b[0m` : name];
  if (typeof msg === 'string' && msg) parts.push(escapeUnsafe(msg));
  let stack: string | undefined;
  if (err && typeof err === 'object') {
    const { type, message, stack: errorStack, ...errorFields } = err as ErrorField;
    if (message && message !== msg) parts.push(field('err', message));
    // "Object" is what pino calls an error the bot's redaction already turned into a plain object
    if (type && type !== 'Error' && type !== 'Object') parts.push(field('errType', type));
    for (const [key, value] of Object.entries(errorFields)) if (value !== undefined) parts.push(field(`err.${key}`, value));
    stack = errorStack;
  } else if (err !== undefined) {
    parts.push(field('err', err));
  }
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) parts.push(field(key, value));
  let out = parts.join(' ');
  if (typeof stack === 'string') {
    // the first line of a stack repeats the message; the frames are what is new
    const frames = stack.split('\n').slice(1).map((frame) => `    ${escapeUnsafe(frame.trim())}`);
    if (frames.length > 0) out += `\n${frames.join('\n')}`;
  }
  return `${out}\n`;
}

/** A pino destination that writes readable lines to `target` instead of JSON. */
export function readableDestination(target: DestinationStream, options: { colour?: boolean } = {}): DestinationStream {
  return { write: (line: string) => target.write(formatLogLine(line, options)) };
}
