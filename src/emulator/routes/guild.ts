// The guild and its channels.
import { ApiError, unknown, type ServerContext } from '../context.ts';
import type { World } from '../state.ts';
import { noContent, ok, type On } from './route-table.ts';

/** The id of a text channel or thread of the guild, or Discord's "Unknown Channel". */
export function textChannel(world: World, id: string | undefined): string {
  if (!id || !world.isTextChannel(id)) throw unknown('Channel');
  return id;
}

export function defineGuildRoutes(on: On, ctx: ServerContext): void {
  const { world } = ctx;
  const channel = (id: string | undefined): string => textChannel(world, id);
  const guild = (id: string | undefined): void => {
    if (id !== world.guildId) throw unknown('Guild');
  };
  on('GET', '/guilds/:guild', ({ params }) => {
    guild(params[0]);
    const { channels: _c, members: _m, threads: _t, ...rest } = world.guildCreate();
    return ok(rest);
  });
  on('GET', '/guilds/:guild/roles', ({ params }) => {
    guild(params[0]);
    return ok(world.apiRoles());
  });
  on('GET', '/guilds/:guild/channels', ({ params }) => {
    guild(params[0]);
    return ok([...world.channels.keys()].map((id) => world.apiChannel(id)));
  });
  on('GET', '/guilds/:guild/threads/active', ({ params }) => {
    guild(params[0]);
    const threads = [...world.threads.values()].filter((t) => !t.archived).map((t) => world.apiThread(t));
    return ok({ threads, members: [] });
  });
  on('GET', '/guilds/:guild/members/:user', ({ params }) => {
    guild(params[0]);
    const user = world.users.get(params[1] ?? '');
    if (!user) throw new ApiError(404, { message: 'Unknown Member', code: 10007 });
    return ok(world.apiMember(user));
  });
  on('GET', '/channels/:channel', ({ params }) => ok(world.apiChannel(channel(params[0]))));
  on('POST', '/channels/:channel/typing', ({ params }) => {
    channel(params[0]);
    return noContent;
  });
  on('PUT', '/channels/:channel/thread-members/:user', ({ params }) => {
    channel(params[0]);
    return noContent;
  });
}
