// Reading request bodies as discord.js sends them: JSON, or multipart with a payload_json part.
import type { IncomingMessage } from 'node:http';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return undefined;
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return payloadJson(raw, type);
  return JSON.parse(raw.toString('utf8')) as unknown;
}

function payloadJson(raw: Buffer, contentType: string): unknown {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return undefined;
  for (const part of raw.toString('utf8').split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    if (!/name="payload_json"/.test(headers)) continue;
    return JSON.parse(part.slice(headerEnd + 4).replace(/\r\n$/, '')) as unknown;
  }
  return undefined;
}
