// Interaction callbacks and their webhooks, authenticated by the interaction token, not the bot token.
import type { ServerContext } from '../context.ts';
import type { Interactions } from '../interactions.ts';
import { validateMessageBody } from '../validate.ts';
import { noContent, ok, type On } from './route-table.ts';

export function defineInteractionRoutes(on: On, ctx: ServerContext, ix: Interactions): void {
  const { world } = ctx;
  on(
    'POST',
    '/interactions/:id/:token/callback',
    ({ params, body, query }) => ix.callback(params[0] ?? '', params[1] ?? '', body, query.with_response === 'true'),
    false,
  );
  on(
    'POST',
    '/webhooks/:app/:token',
    ({ params, body, query }) => {
      const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
      const created = ix.followUp(record, body, query.thread_id);
      return query.wait === 'true' ? ok(world.apiMessage(created)) : noContent;
    },
    false,
  );
  on(
    'GET',
    '/webhooks/:app/:token/messages/:message',
    ({ params }) => {
      const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
      return ok(world.apiMessage(ix.webhookMessage(record, params[2] ?? '')));
    },
    false,
  );
  on(
    'PATCH',
    '/webhooks/:app/:token/messages/:message',
    ({ params, body }) => {
      const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
      const found = ix.webhookMessage(record, params[2] ?? '');
      validateMessageBody(body, { creating: false });
      ctx.messageUpdated(world.editMessage(found, body));
      return ok(world.apiMessage(found));
    },
    false,
  );
  on(
    'DELETE',
    '/webhooks/:app/:token/messages/:message',
    ({ params }) => {
      const record = ix.webhookRecord(params[0] ?? '', params[1] ?? '');
      ctx.messageDeleted(ix.webhookMessage(record, params[2] ?? ''));
      return noContent;
    },
    false,
  );
}
