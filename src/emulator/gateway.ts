// The gateway half of the local Discord server: HELLO, IDENTIFY -> READY + GUILD_CREATE,
// heartbeats, sequence numbers, RESUME with replay of what was missed, and shards: a session that
// identifies as shard [id, count] gets the guild's events only if the guild is its (Discord's rule:
// (guild_id >> 22) % count).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import type { Json, World } from './state.ts';

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const Intent = { Guilds: 1 << 0, GuildMessages: 1 << 9, MessageContent: 1 << 15 } as const;

/** Builds an event for one session from its intents; null means the session does not get it. */
export type DispatchBuilder = (intents: number) => Json | null;

interface Session {
  id: string;
  intents: number;
  seq: number;
  socket: WebSocket | null;
  /** [shard id, shard count] from IDENTIFY ([0, 1] without sharding). */
  shard: [number, number];
  /** Recent events, kept so a RESUME can replay what the client missed. */
  sent: { s: number; t: string; d: Json }[];
}

const REPLAY_LIMIT = 1000;

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly readyWaiters = new Set<() => void>();
  url = '';

  constructor(
    private readonly world: World,
    private readonly options: { heartbeatIntervalMs: number },
  ) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  /** True once some client has identified and not said goodbye. */
  get hasSession(): boolean {
    return this.sessions.size > 0;
  }

  get connectedCount(): number {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).length;
  }

  waitForSession(timeoutMs: number): Promise<void> {
    if (this.connectedCount > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.readyWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.readyWaiters.delete(done);
        reject(new Error(`No client identified on the gateway within ${timeoutMs} ms`));
      }, timeoutMs);
      this.readyWaiters.add(done);
    });
  }

  dispatch(t: string, build: DispatchBuilder | Json): void {
    for (const session of this.sessions.values()) {
      const d = typeof build === 'function' ? (build as DispatchBuilder)(session.intents) : build;
      // every event here belongs to a guild: the first one unless it names another
      const guildId = String(d?.guild_id ?? (t === 'GUILD_CREATE' ? d?.id : undefined) ?? this.world.guildId);
      if (d && this.ownsGuild(session, guildId)) this.send(session, t, d);
    }
  }

  /** Closes every live socket with a code after which clients resume. */
  drop(options: { resumable: boolean; code?: number; reason?: string }): void {
    for (const session of this.sessions.values()) {
      if (!options.resumable) this.sessions.delete(session.id);
      session.socket?.close(options.code ?? 4000, options.reason ?? 'Unknown error');
      session.socket = null;
    }
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    let session: Session | null = null;
    let alive = true;
    const heartbeatWatch = setInterval(() => {
      // Discord closes connections that stop heartbeating; so does this server.
      if (!alive) ws.close(4009, 'Session timed out');
      alive = false;
    }, this.options.heartbeatIntervalMs * 2);
    heartbeatWatch.unref();
    ws.on('close', (code) => {
      clearInterval(heartbeatWatch);
      if (session && session.socket === ws) {
        session.socket = null;
        if (code === 1000 || code === 1001) this.sessions.delete(session.id);
      }
    });
    ws.on('message', (raw) => {
      let payload: { op?: number; d?: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op?: number; d?: unknown };
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      alive = true;
      switch (payload.op) {
        case Op.Heartbeat:
          ws.send(JSON.stringify({ op: Op.HeartbeatAck, d: null }));
          break;
        case Op.Identify:
          session = this.identify(ws, session, payload.d as Json);
          break;
        case Op.Resume:
          session = this.resume(ws, session, payload.d as Json);
          break;
        case 3: // presence update
        case 4: // voice state
        case 8: // request guild members
          break;
        default:
          ws.close(4001, 'Unknown opcode');
      }
    });
    ws.send(JSON.stringify({ op: Op.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } }));
  }

  /** Sessions identified, by shard id (a test checks that each shard connected). */
  shards(): number[] {
    return [...this.sessions.values()].map((s) => s.shard[0]).sort((a, b) => a - b);
  }

  private ownsGuild(session: Session, guildId: string = this.world.guildId): boolean {
    const [id, count] = session.shard;
    return Number((BigInt(guildId) >> 22n) % BigInt(count)) === id;
  }

  private identify(ws: WebSocket, current: Session | null, d: Json): Session | null {
    if (current) {
      ws.close(4005, 'Already authenticated');
      return current;
    }
    if (d.token !== this.world.token) {
      ws.close(4004, 'Authentication failed');
      return null;
    }
    const shard = shardOf(d.shard);
    if (!shard) {
      ws.close(4010, 'Invalid shard');
      return null;
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      intents: Number(d.intents ?? 0),
      seq: 0,
      socket: ws,
      shard,
      sent: [],
    };
    this.sessions.set(session.id, session);
    this.send(session, 'READY', {
      v: 10,
      user: { ...this.world.apiUser(this.world.bot), verified: true, mfa_enabled: false, flags: 0 },
      guilds: this.world.guildIds().filter((g) => this.ownsGuild(session, g)).map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard: session.shard,
      application: { id: this.world.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const guildId of this.world.guildIds()) if (this.ownsGuild(session, guildId)) this.send(session, 'GUILD_CREATE', this.world.guildCreate(guildId));
    for (const wake of [...this.readyWaiters]) wake();
    return session;
  }

  private resume(ws: WebSocket, current: Session | null, d: Json): Session | null {
    const session = this.sessions.get(String(d.session_id));
    if (current || !session || d.token !== this.world.token) {
      ws.send(JSON.stringify({ op: Op.InvalidSession, d: false }));
      return current;
    }
    session.socket?.close(4000, 'Replaced by a resumed connection');
    session.socket = ws;
    const since = Number(d.seq ?? 0);
    for (const event of session.sent) {
      if (event.s > since) ws.send(JSON.stringify({ op: Op.Dispatch, ...event }));
    }
    this.send(session, 'RESUMED', {});
    for (const wake of [...this.readyWaiters]) wake();
    return session;
  }

  private send(session: Session, t: string, d: Json): void {
    session.seq += 1;
    const event = { s: session.seq, t, d };
    session.sent.push(event);
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    if (session.socket?.readyState === WebSocket.OPEN) {
      session.socket.send(JSON.stringify({ op: Op.Dispatch, ...event }));
    }
  }
}

/** IDENTIFY's shard: absent means [0, 1]; anything but 0 <= id < count is refused, as Discord does (4010). */
function shardOf(value: unknown): [number, number] | undefined {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value.map(Number) as [number, number];
  return Number.isInteger(id) && Number.isInteger(count) && count >= 1 && id >= 0 && id < count ? [id, count] : undefined;
}
