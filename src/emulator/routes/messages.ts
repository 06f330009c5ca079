// Messages, reactions and threads in the guild's channels.
import { ApiError, unknown, type ServerContext } from '../context.ts';
import { ChannelType, MessageFlag, type Json } from '../state.ts';
import { validateMessageBody, validateThreadName } from '../validate.ts';
import { textChannel } from './guild.ts';
import { noContent, ok, type On } from './route-table.ts';

export function defineMessageRoutes(on: On, ctx: ServerContext): void {
  const { world } = ctx;
  /** channel:nonce -> message id, for enforce_nonce. */
  const nonces = new Map<string, string>();
  const channel = (id: string | undefined): string => textChannel(world, id);
  const message = (channelId: string | undefined, messageId: string | undefined) => {
    const id = channel(channelId);
    const found = world.messages.get(messageId ?? '');
    if (!found || found.deleted || found.channelId !== id || found.flags & MessageFlag.Ephemeral) {
      throw unknown('Message');
    }
    return found;
  };
  on('GET', '/channels/:channel/messages', ({ params, query }) => {
    const list = world.messagesIn(channel(params[0])).filter((m) => !(m.flags & MessageFlag.Ephemeral));
    const limit = Math.min(100, Math.max(1, Number(query.limit ?? 50)));
    let chosen = list;
    if (query.after) chosen = list.filter((m) => BigInt(m.id) > BigInt(query.after ?? 0)).slice(0, limit);
    else if (query.before) chosen = list.filter((m) => BigInt(m.id) < BigInt(query.before ?? 0)).slice(-limit);
    else chosen = list.slice(-limit);
    return ok(chosen.reverse().map((m) => world.apiMessage(m)));
  });
  on('GET', '/channels/:channel/messages/:message', ({ params }) =>
    ok(world.apiMessage(message(params[0], params[1]))),
  );
  on('POST', '/channels/:channel/messages', ({ params, body }) => {
    const id = channel(params[0]);
    validateMessageBody(body, { creating: true });
    const reference = body.message_reference as Json | undefined;
    if (reference?.message_id && !world.messages.get(String(reference.message_id))) {
      throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { message_reference: 'Unknown message' } });
    }
    // As on Discord: with enforce_nonce, a nonce already used in this channel returns that message.
    const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${id}:${String(body.nonce)}` : undefined;
    const earlier = nonceKey ? world.messages.get(nonces.get(nonceKey) ?? '') : undefined;
    if (earlier && !earlier.deleted) return ok(world.apiMessage(earlier));
    const created = world.createMessage({ channelId: id, authorId: world.bot.id, body });
    created.flags &= ~MessageFlag.Ephemeral; // only interaction responses can be ephemeral
    if (nonceKey) nonces.set(nonceKey, created.id);
    ctx.messageCreated(created);
    return ok(world.apiMessage(created));
  });
  on('PATCH', '/channels/:channel/messages/:message', ({ params, body }) => {
    const found = message(params[0], params[1]);
    if (found.authorId !== world.bot.id) {
      throw new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 });
    }
    validateMessageBody(body, { creating: false });
    ctx.messageUpdated(world.editMessage(found, body));
    return ok(world.apiMessage(found));
  });
  on('DELETE', '/channels/:channel/messages/:message', ({ params }) => {
    ctx.messageDeleted(message(params[0], params[1]));
    return noContent;
  });
  on('PUT', '/channels/:channel/messages/:message/reactions/:emoji/:user', ({ params }) => {
    message(params[0], params[1]);
    return noContent;
  });

  // Threads: a thread started from a message takes that message's id.
  on('POST', '/channels/:channel/messages/:message/threads', ({ params, body }) => {
    const parentId = channel(params[0]);
    if (world.threads.has(parentId)) {
      throw new ApiError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
    }
    const starter = message(parentId, params[1]);
    if (ctx.settings.denyThreadCreation) throw new ApiError(403, { message: 'Missing Permissions', code: 50013 });
    if (world.threads.has(starter.id)) {
      throw new ApiError(400, { message: 'A thread has already been created for this message', code: 160004 });
    }
    const thread = world.createThread({
      id: starter.id,
      parentId,
      name: validateThreadName(body.name),
      type: ChannelType.PublicThread,
    });
    ctx.threadCreated(thread);
    return { status: 201, body: world.apiThread(thread) };
  });
  on('POST', '/channels/:channel/threads', ({ params, body }) => {
    const parentId = channel(params[0]);
    if (world.threads.has(parentId)) {
      throw new ApiError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
    }
    if (ctx.settings.denyThreadCreation) throw new ApiError(403, { message: 'Missing Permissions', code: 50013 });
    const type = body.type === ChannelType.PublicThread ? ChannelType.PublicThread : ChannelType.PrivateThread;
    const thread = world.createThread({ parentId, name: validateThreadName(body.name), type });
    ctx.threadCreated(thread);
    return { status: 201, body: world.apiThread(thread) };
  });
}
