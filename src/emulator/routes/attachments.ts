// The CDN lookalike: the bytes of files people attached to command options, at the signed url the
// interaction carried (and its /media proxy twin). Like Discord's CDN, no bot token is needed, and
// an unknown file, a wrong signature or an expired url answers 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { attachmentSignatureValid } from '../command-options.ts';
import type { World } from '../state.ts';

const PATH = /^(?:\/media)?\/ephemeral-attachments\/(\d+)\/(\d+)\/([^/]+)$/;

/** Answers the request if it is for an attachment; false leaves it to the other handlers. */
export function serveAttachment(world: World, request: IncomingMessage, response: ServerResponse): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = PATH.exec(url.pathname);
  if (!match) return false;
  const [, channelId = '', id = '', encoded = ''] = match;
  const filename = safeDecode(encoded);
  const record = world.attachments.get(id);
  const found =
    record !== undefined &&
    record.channelId === channelId &&
    record.filename === filename &&
    attachmentSignatureValid(`${channelId}/${id}/${filename}`, url.searchParams, Math.floor(Date.now() / 1000));
  if (!found || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(found ? 405 : 404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(found ? 'Method Not Allowed' : 'This content is no longer available.');
    return true;
  }
  response.writeHead(200, {
    'content-type': record.contentType ?? 'application/octet-stream',
    'content-length': String(record.content.length),
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(record.filename)}`,
  });
  response.end(request.method === 'HEAD' ? undefined : record.content);
  return true;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
