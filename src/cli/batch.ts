// Reading JSON Lines batch files: each line is parsed on its own so that one bad line never stops the rest.
import { readFileSync } from 'node:fs';
import { CliError } from './args.ts';

export type BatchLine<T> = { line: number; value: T } | { line: number; id?: string; error: string };

/** Reads a UTF-8 batch file (a byte-order mark is allowed) or explains why it cannot be read. */
export function readBatchFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new CliError(`The batch file "${path}" does not exist or cannot be read.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CliError(`The batch file "${path}" is not valid UTF-8 text.`);
  }
}

/**
 * Parses JSON Lines text, skipping blank lines. `validate` turns a parsed object into a typed value
 * (an object, so that it cannot be mistaken for the error message a string means); a line's `id` is
 * kept in its error so the report can be matched up.
 */
export function parseJsonLines<T extends object>(text: string, validate: (record: Record<string, unknown>) => T | string): BatchLine<T>[] {
  const lines: BatchLine<T>[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      lines.push({ line, error: `line ${line} is not valid JSON` });
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      lines.push({ line, error: `line ${line} is not a JSON object` });
      continue;
    }
    const record = parsed as Record<string, unknown>;
    const id = idOf(record);
    const result = validate(record);
    if (typeof result === 'string') lines.push({ line, ...(id === undefined ? {} : { id }), error: `line ${line}: ${result}` });
    else lines.push({ line, value: result });
  }
  return lines;
}

/** Ids may be written as strings or numbers; they are reported back as strings. */
export function idOf(record: Record<string, unknown>): string | undefined {
  const id = record.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

export function optionalString(record: Record<string, unknown>, field: string): string | undefined | { error: string } {
  const value = record[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return { error: `"${field}" must be a string` };
  return value;
}
