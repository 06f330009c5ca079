// Discord's ids are snowflakes: decimal numbers of up to 20 digits. Anything else in an id (a forged
// interaction, a hand-made button id) is refused at the edge, before it can reach a route, the store or a
// log line: an id is put into REST paths beside tokens, so a "/" in one could shift a token out of place.
const SNOWFLAKE = /^\d{1,20}$/;

export function isSnowflake(value: unknown): value is string {
  return typeof value === 'string' && SNOWFLAKE.test(value);
}

/** True when every id that is given is a snowflake (null and undefined stand for "none here"). */
export function allSnowflakes(...ids: (string | null | undefined)[]): boolean {
  return ids.every((id) => id === null || id === undefined || isSnowflake(id));
}
