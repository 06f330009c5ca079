// Where the sandbox page listens: SANDBOX_HOST and SANDBOX_PORT.
import { ConfigError } from '../config.ts';

export interface SandboxSettings {
  host: string;
  port: number;
}

export const SANDBOX_SETTING_NAMES = ['SANDBOX_PORT', 'SANDBOX_HOST'] as const;

export function readSandboxSettings(env: Record<string, string | undefined>): SandboxSettings {
  const host = env.SANDBOX_HOST?.trim() || '127.0.0.1';
  const rawPort = env.SANDBOX_PORT?.trim() || '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    throw new ConfigError(`SANDBOX_PORT must be a port number from 0 to 65535 (got "${rawPort}")`);
  }
  return { host, port };
}
