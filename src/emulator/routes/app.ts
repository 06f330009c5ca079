// The application's own routes: the gateway URL, users, the application, and its commands.
import { ApiError, unknown, type ServerContext } from '../context.ts';
import { snowflake } from '../snowflake.ts';
import type { CommandRecord, Json } from '../state.ts';
import { ok, type On, type Result } from './route-table.ts';

export function defineAppRoutes(on: On, ctx: ServerContext, gatewayUrl: () => string): void {
  const { world } = ctx;
  on('GET', '/gateway', () => ok({ url: gatewayUrl() }), false);
  on('GET', '/gateway/bot', () =>
    ok({
      url: gatewayUrl(),
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
    }),
  );
  on('GET', '/users/@me', () => ok(world.apiUser(world.bot)));
  on('GET', '/users/:id', ({ params }) => {
    const user = world.users.get(params[0] ?? '');
    if (!user) throw unknown('User');
    return ok(world.apiUser(user));
  });
  const application = (): Result =>
    ok({
      id: world.applicationId,
      name: world.bot.globalName,
      description: '',
      icon: null,
      bot_public: false,
      bot_require_code_grant: false,
      flags: 0,
      bot: world.apiUser(world.bot),
      owner: world.apiUser([...world.users.values()].find((u) => !u.bot) ?? world.bot),
      verify_key: '0'.repeat(64),
    });
  on('GET', '/applications/@me', application);
  on('GET', '/oauth2/applications/@me', application);

  // Commands: PUT replaces the whole set, as bulk overwrite does on Discord.
  const commandRoutes = (base: string, scope: 'global' | 'guild'): void => {
    const list = (): CommandRecord[] => (scope === 'global' ? world.globalCommands : world.guildCommands);
    const set = (commands: CommandRecord[]): void => {
      if (scope === 'global') world.globalCommands = commands;
      else world.guildCommands = commands;
    };
    const checkApp = (params: string[]): void => {
      if (params[0] !== world.applicationId) throw new ApiError(403, { message: 'Missing Access', code: 50001 });
      if (scope === 'guild' && params[1] !== world.guildId) throw unknown('Guild');
    };
    on('GET', base, ({ params }) => {
      checkApp(params);
      return ok(list());
    });
    on('PUT', base, ({ params, body }) => {
      checkApp(params);
      if (!Array.isArray(body)) throw new ApiError(400, { message: 'Invalid Form Body', code: 50035 });
      const commands = (body as Json[]).map((c) => commandRecord(ctx, c, scope, list()));
      set(commands);
      return ok(commands);
    });
    on('POST', base, ({ params, body }) => {
      checkApp(params);
      const command = commandRecord(ctx, body, scope, list());
      set([...list().filter((c) => c.name !== command.name), command]);
      return { status: 201, body: command };
    });
  };
  commandRoutes('/applications/:app/commands', 'global');
  commandRoutes('/applications/:app/guilds/:guild/commands', 'guild');
}

function commandRecord(ctx: ServerContext, body: Json, scope: 'global' | 'guild', existing: CommandRecord[]): CommandRecord {
  const name = String(body.name ?? '');
  // Slash command names are lower-case words; user and message commands (types 2, 3) may hold spaces and capitals.
  const contextMenu = body.type === 2 || body.type === 3;
  const valid = contextMenu ? /^[^\n]{1,32}$/u.test(name) && name.trim() === name : /^[-_\p{L}\p{N}]{1,32}$/u.test(name) && name === name.toLowerCase();
  if (!valid) {
    throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { name: 'Invalid command name' } });
  }
  if (typeof body.description === 'string' && [...body.description].length > 100) {
    throw new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors: { description: 'Too long' } });
  }
  return {
    type: 1,
    description: '',
    options: [],
    ...body,
    id: existing.find((c) => c.name === name)?.id ?? snowflake(),
    application_id: ctx.world.applicationId,
    ...(scope === 'guild' && { guild_id: ctx.world.guildId }),
    version: snowflake(),
    name,
  };
}
