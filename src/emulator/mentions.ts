// Works out who a message would actually notify, following Discord's allowed_mentions
// rules, so tests can assert that nothing a user typed pings anyone.

export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

export interface MentionTokens {
  users: string[];
  roles: string[];
  everyone: boolean;
}

export function mentionTokens(content: string): MentionTokens {
  const users = [...content.matchAll(/<@!?(\d{5,25})>/g)].map((m) => m[1] ?? '');
  const roles = [...content.matchAll(/<@&(\d{5,25})>/g)].map((m) => m[1] ?? '');
  return { users: unique(users), roles: unique(roles), everyone: /@(everyone|here)\b/.test(content) };
}

/** Pings as strings: 'everyone', 'user:ID', 'role:ID'. */
export function effectivePings(
  content: string,
  allowed: AllowedMentions | undefined,
  repliedUserId?: string,
): string[] {
  const tokens = mentionTokens(content);
  // Without allowed_mentions Discord notifies everything that is mentioned, including a replied-to author.
  const parse = new Set(allowed ? (allowed.parse ?? []) : ['users', 'roles', 'everyone']);
  const explicitUsers = new Set(allowed?.users ?? []);
  const explicitRoles = new Set(allowed?.roles ?? []);
  const pings: string[] = [];
  if (tokens.everyone && parse.has('everyone')) pings.push('everyone');
  for (const id of tokens.users) if (parse.has('users') || explicitUsers.has(id)) pings.push(`user:${id}`);
  for (const id of tokens.roles) if (parse.has('roles') || explicitRoles.has(id)) pings.push(`role:${id}`);
  const repliedPings = allowed ? allowed.replied_user === true : true;
  if (repliedUserId && repliedPings && !pings.includes(`user:${repliedUserId}`)) pings.push(`user:${repliedUserId}`);
  return pings;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}
