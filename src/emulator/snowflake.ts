// Discord ids are snowflakes: the creation time sits in the high bits, so clients can
// read createdAt from an id. Ids made here follow the same layout.
const DISCORD_EPOCH = 1_420_070_400_000n;

let increment = 0n;

export function snowflake(atMs: number = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Math.floor(atMs)) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}
