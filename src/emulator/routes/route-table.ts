// What the route modules share: a route is a method, a path pattern and a handler from a call to a result.
import type { Json } from '../state.ts';

export interface Call {
  method: string;
  params: string[];
  query: Record<string, string>;
  body: Json;
}

export type Result = { status: number; body?: unknown; headers?: Record<string, string> };
export type Handler = (call: Call) => Result | Promise<Result>;

/** Registers a route; `auth: false` for routes authenticated otherwise (interaction tokens) or not at all. */
export type On = (method: string, pattern: string, handler: Handler, auth?: boolean) => void;

export const ok = (body: unknown): Result => ({ status: 200, body });
export const noContent: Result = { status: 204 };
