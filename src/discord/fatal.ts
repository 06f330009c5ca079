// What the bot cannot recover from, and must not keep running half-deaf after: Discord rejecting its
// token (any HTTP 401 on an authenticated request; discord.js then drops the token of that REST client,
// so nothing would work until a restart) or the gateway closing with a code Discord documents as final.
import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, Events, type Client, type REST } from 'discord.js';

export const TOKEN_REJECTED =
  'Discord rejected the bot token (HTTP 401): DISCORD_TOKEN is wrong or was reset. Copy a new one from https://discord.com/developers/applications (Bot > Reset Token) and restart.';

/** Gateway close codes after which reconnecting cannot help (discord.js gives up on them too). */
const FINAL_GATEWAY_CODES: Record<number, string> = {
  4004: 'authentication failed: DISCORD_TOKEN is wrong or was reset',
  4010: 'invalid shard',
  4011: 'sharding required',
  4012: 'invalid API version',
  4013: 'invalid intents',
  4014: 'disallowed intents: turn on Message Content Intent on the Bot page of the developer portal',
};

/** Calls `onFatal` once, with one sentence saying what is wrong, the first time either happens. */
export function watchForFatalErrors(client: Client, rests: REST[], onFatal: (reason: string) => void): void {
  let reported = false;
  const report = (reason: string) => {
    if (reported) return;
    reported = true;
    onFatal(reason);
  };
  for (const rest of rests) {
    rest.on('response', (request, response) => {
      if (response.status === 401 && request.data.auth !== false) {
        report(`${TOKEN_REJECTED} (${request.method.toUpperCase()} ${request.route})`);
      }
    });
  }
  client.on(Events.ShardDisconnect, (event) => {
    const why = FINAL_GATEWAY_CODES[event.code];
    if (why) report(`The Discord gateway closed the connection with code ${event.code}, ${why}. Stopping.`);
  });
}

/** An error that means the token is bad (from login or any REST call). */
export function isTokenRejected(error: unknown): boolean {
  return (
    (error instanceof DiscordAPIError && error.status === 401) ||
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid)
  );
}
