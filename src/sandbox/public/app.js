// The sandbox page: draws the channel and its threads from the server's event stream and sends
// what the person types. Every piece of text is set with textContent; nothing is parsed as HTML.
'use strict';

const state = {
  me: '',
  botId: '',
  users: new Map(),
  messages: new Map(),
  threads: new Map(),
  openThread: null,
  typed: new Map(), // interaction id -> what was typed, shown above the bot's answer
  votes: new Map(), // message id -> the vote button pressed here
  messageApps: [], // message commands, offered on every message as Discord's right-click > Apps does
};

const $ = (id) => document.getElementById(id);
// the width at which app.css switches to one column
const PHONE = window.matchMedia('(max-width: 700px)');

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function userName(id) {
  return state.users.get(id)?.name ?? 'unknown';
}

// ---- Discord-style markdown, built as DOM nodes ----

const INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|~~[^~\n]+~~|`[^`\n]+`|<@!?\d+>|<@&\d+>|<#\d+>|\*[^*\s][^*\n]*\*|_[^_\s][^_\n]*_)/;

function appendInline(parent, text) {
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    let node;
    let m;
    if ((m = /^\*\*(.+)\*\*$/.exec(part))) node = el('strong', '', m[1]);
    else if ((m = /^__(.+)__$/.exec(part))) node = el('u', '', m[1]);
    else if ((m = /^~~(.+)~~$/.exec(part))) node = el('s', '', m[1]);
    else if ((m = /^`(.+)`$/.exec(part))) node = el('code', '', m[1]);
    else if ((m = /^<@!?(\d+)>$/.exec(part))) node = el('span', 'mention', `@${userName(m[1])}`);
    else if ((m = /^<@&(\d+)>$/.exec(part))) node = el('span', 'mention', '@role');
    else if ((m = /^<#(\d+)>$/.exec(part))) node = el('span', 'mention', `#${state.threads.get(m[1])?.name ?? 'channel'}`);
    else if ((m = /^[*_](.+)[*_]$/.exec(part))) node = el('em', '', m[1]);
    else node = document.createTextNode(part);
    // A name keeps its own direction: "@Sanad" in an Arabic line must not read "Sanad@", and a line's
    // dir="auto" skips it, so the line's direction comes from its own words.
    if (node.classList?.contains('mention')) node.dir = 'auto';
    parent.append(node);
  }
}

const LETTER = /\p{L}/u;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;

/** The direction of the first letter, as dir="auto" would decide for the whole message. */
function baseDirection(text) {
  const first = [...text].find((ch) => LETTER.test(ch));
  if (!first) return 'auto';
  return RTL_LETTER.test(first) ? 'rtl' : 'ltr';
}

function renderMarkdown(text) {
  const root = el('div', 'content');
  // Lines without letters (numbers, ids) follow the message; the others pick their own direction.
  root.dir = baseDirection(text);
  let quote = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.startsWith('>>> ')) {
      // Everything from here on is quoted.
      const block = el('blockquote');
      block.dir = 'auto';
      for (const rest of [line.slice(4), ...lines.slice(i + 1)]) block.append(lineNode(rest, false));
      root.append(block);
      break;
    }
    if (line === '>' || line.startsWith('> ')) {
      if (!quote) {
        quote = el('blockquote');
        quote.dir = 'auto';
        root.append(quote);
      }
      quote.append(lineNode(line.slice(2), false));
      continue;
    }
    quote = null;
    root.append(lineNode(line));
  }
  return root;
}

// A line takes its own direction from its first strong letter, unless it sits in a quote:
// a dir="auto" element skips children that carry their own dir, so quote lines inherit instead.
function lineNode(line, ownDirection = true) {
  let node;
  let m;
  if ((m = /^(#{1,3}) (.*)$/.exec(line))) {
    node = el(`h${m[1].length}`);
    appendInline(node, m[2]);
  } else if ((m = /^-# (.*)$/.exec(line))) {
    node = el('div', 'line subtext');
    appendInline(node, m[1]);
  } else {
    node = el('div', 'line');
    appendInline(node, line);
  }
  if (ownDirection && LETTER.test(line)) node.dir = 'auto';
  return node;
}

// ---- messages ----

function renderMessage(view) {
  const item = el('li', `message${view.ephemeral ? ' ephemeral' : ''}`);
  item.dataset.id = view.id;
  if (view.command) {
    const context = el('div', 'context-line');
    const typed = state.typed.get(view.command.interactionId);
    context.append(el('span', '', `${userName(view.command.userId)} used`));
    const shown = el('span', 'typed', typed ?? `/${view.command.name}`);
    shown.dir = 'auto';
    context.append(shown);
    item.append(context);
  }
  if (view.replyTo) {
    const context = el('div', 'context-line');
    context.append(el('span', '', `↪ @${userName(view.replyTo.authorId)}`));
    // mentions read as names, as Discord shows them
    const snippet = el('span', 'typed', view.replyTo.snippet.replace(/<@!?(\d+)>/g, (_, id) => `@${userName(id)}`));
    snippet.dir = 'auto';
    context.append(snippet);
    item.append(context);
  }
  const meta = el('div', 'meta');
  const author = state.users.get(view.authorId);
  const name = el('span', `author${author?.bot ? ' bot' : ''}`, userName(view.authorId));
  name.dir = 'auto';
  meta.append(name);
  if (author?.bot) meta.append(el('span', 'app-tag', 'APP'));
  meta.append(el('span', 'time', new Date(view.createdAt).toLocaleTimeString()));
  if (!view.loading && view.content && !view.ephemeral) {
    for (const app of state.messageApps) {
      const action = el('button', 'message-app', app);
      action.type = 'button';
      action.title = `Apps › ${app}`;
      action.addEventListener('click', () => runApp(view.id, app, view.channelId));
      meta.append(action);
    }
  }
  item.append(meta);

  if (view.loading) {
    item.append(el('div', 'thinking', `${userName(view.authorId)} is thinking…`));
  } else if (view.content) {
    item.append(renderMarkdown(view.content));
  }
  for (const embed of view.embeds) item.append(renderEmbed(embed));
  for (const row of view.rows) {
    const rowNode = el('div', 'row');
    for (const button of row) rowNode.append(renderButton(view, button));
    item.append(rowNode);
  }
  if (view.editedAt && !view.command) item.append(el('span', 'edited', '(edited)'));
  const thread = state.threads.get(view.id);
  if (thread) {
    const link = el('button', 'thread-link', `🧵 ${thread.name}`);
    link.type = 'button';
    link.dir = 'auto';
    link.addEventListener('click', () => openThread(thread.id));
    item.append(link);
  }
  if (view.ephemeral) item.append(el('div', 'ephemeral-note', '👁 Only you can see this'));
  return item;
}

function renderEmbed(embed) {
  const box = el('div', 'embed');
  box.dir = 'auto';
  if (embed.title) box.append(el('div', 'embed-title', embed.title));
  if (embed.description) box.append(renderMarkdown(embed.description));
  for (const field of embed.fields) {
    box.append(el('div', 'embed-field-name', field.name));
    box.append(renderMarkdown(field.value));
  }
  if (embed.footer) box.append(el('div', 'embed-footer', embed.footer));
  return box;
}

const BUTTON_STYLES = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'link' };

function renderButton(view, button) {
  const node = el('button', BUTTON_STYLES[button.style] ?? 'secondary', [button.emoji, button.label].filter(Boolean).join(' '));
  node.type = 'button';
  node.disabled = button.disabled || !button.customId;
  if (button.customId) node.dataset.customId = button.customId;
  if (button.label) node.setAttribute('aria-label', button.label);
  // the vote cast from this page stays marked, so a press visibly changes the message
  const chosen = state.votes.get(view.id) === button.customId;
  node.classList.toggle('chosen', chosen);
  node.setAttribute('aria-pressed', String(chosen));
  node.addEventListener('click', () => {
    if (button.customId?.startsWith('vote:')) {
      state.votes.set(view.id, button.customId);
      const current = state.messages.get(view.id);
      if (current) upsert(current);
    }
    press(view.id, button.customId, view.channelId);
  });
  return node;
}

function listFor(channelId) {
  if (channelId === state.channelId) return $('messages');
  if (state.openThread === channelId) return $('thread-messages');
  return null;
}

function upsert(view) {
  state.messages.set(view.id, view);
  const list = listFor(view.channelId);
  if (!list) return;
  const fresh = renderMessage(view);
  const old = list.querySelector(`[data-id="${CSS.escape(view.id)}"]`);
  // "thinking…" turning into a long answer must not push its end out of sight of someone reading the newest
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  if (old) old.replaceWith(fresh);
  else list.append(fresh);
  if (!old || atBottom) list.scrollTop = list.scrollHeight;
}

function remove({ id, channelId }) {
  state.messages.delete(id);
  listFor(channelId)?.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove();
}

function redrawList(channelId, list) {
  list.replaceChildren();
  for (const view of state.messages.values()) if (view.channelId === channelId) list.append(renderMessage(view));
  list.scrollTop = list.scrollHeight;
}

function openThread(id) {
  const thread = state.threads.get(id);
  if (!thread) return;
  state.openThread = id;
  $('thread-panel').hidden = false;
  $('thread-panel').dataset.threadId = id;
  $('thread-name').textContent = thread.name;
  redrawList(id, $('thread-messages'));
}

function addThread(thread, { open }) {
  state.threads.set(thread.id, thread);
  const starter = state.messages.get(thread.id);
  if (starter) upsert(starter);
  if (open) openThread(thread.id);
}

function notice(channelId, text) {
  const list = listFor(channelId) ?? $('messages');
  const item = el('li', 'notice', text);
  item.dir = 'auto';
  list.append(item);
  list.scrollTop = list.scrollHeight;
}

// ---- talking to the sandbox server ----

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

async function submit(text, channelId) {
  const trimmed = text.trim();
  if (!trimmed) return;
  const result = await post('/input', { text, channelId });
  if (result.interactionId) {
    state.typed.set(result.interactionId, trimmed);
    for (const view of state.messages.values()) {
      if (view.command?.interactionId === result.interactionId) upsert(view);
    }
  }
  if (result.notice) notice(channelId, result.notice);
}

async function press(messageId, customId, channelId) {
  if (!customId) return;
  const result = await post('/press', { messageId, customId });
  if (result.notice) notice(channelId, result.notice);
}

async function runApp(messageId, name, channelId) {
  const result = await post('/apps', { messageId, name });
  if (result.notice) notice(channelId, result.notice);
}

function wireComposer(formId, inputId, channelOf) {
  const form = $(formId);
  const input = $(inputId);
  const send = () => {
    const text = input.value;
    input.value = '';
    hideSuggestions();
    submit(text, channelOf()).catch((error) => notice(channelOf(), `Could not send: ${error.message}`));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}

function connect() {
  const events = new EventSource('/events');
  events.addEventListener('snapshot', (event) => {
    const data = JSON.parse(event.data);
    state.me = data.me;
    state.botId = data.botId;
    state.channelId = data.channel.id;
    state.users = new Map(data.users.map((u) => [u.id, u]));
    state.messages = new Map(data.messages.map((m) => [m.id, m]));
    state.threads = new Map(data.threads.map((t) => [t.id, t]));
    state.messageApps = data.messageApps ?? [];
    for (const [id, text] of data.typed ?? []) state.typed.set(id, text);
    $('input').placeholder = `Message #${data.channel.name} — /ask, /summary, /source 4.1, /about or @bot …`;
    redrawList(state.channelId, $('messages'));
    if (state.openThread) openThread(state.openThread);
    $('status').textContent = `${data.botName} connected`;
    document.body.dataset.ready = 'true';
  });
  events.addEventListener('message', (event) => upsert(JSON.parse(event.data)));
  events.addEventListener('delete', (event) => remove(JSON.parse(event.data)));
  // On a phone the thread would cover the answer just given; its link under the answer opens it.
  events.addEventListener('thread', (event) => addThread(JSON.parse(event.data), { open: !PHONE.matches }));
  events.addEventListener('error', () => {
    $('status').textContent = 'reconnecting…';
  });
}

// ---- autocomplete: the bot's own suggestions while an option is typed ----

let suggestionRound = 0;
let suggestionTimer = null;

function hideSuggestions() {
  // a keystroke's pending request must not bring the list back after a send
  clearTimeout(suggestionTimer);
  suggestionRound += 1;
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
}

async function suggest(text) {
  const round = ++suggestionRound;
  const { choices } = await post('/autocomplete', { text });
  if (round !== suggestionRound) return; // a newer keystroke has taken over
  const list = $('suggestions');
  list.replaceChildren();
  const command = /^\/(\S+)/.exec(text.trim())?.[1] ?? '';
  for (const choice of choices) {
    const item = el('li');
    const button = el('button', '', choice.name);
    button.type = 'button';
    button.dir = 'auto';
    button.addEventListener('click', () => {
      $('input').value = `/${command} ${choice.value}`;
      hideSuggestions();
      $('input').focus();
    });
    item.append(button);
    list.append(item);
  }
  list.hidden = choices.length === 0;
}

$('input').addEventListener('input', () => {
  clearTimeout(suggestionTimer);
  const text = $('input').value;
  if (!/^\/\S+\s/.test(text.trimStart())) {
    hideSuggestions();
    return;
  }
  suggestionTimer = setTimeout(() => suggest(text).catch(hideSuggestions), 150);
});

wireComposer('composer', 'input', () => state.channelId);
wireComposer('thread-composer', 'thread-input', () => state.openThread);
$('thread-close').addEventListener('click', () => {
  state.openThread = null;
  $('thread-panel').hidden = true;
  delete $('thread-panel').dataset.threadId;
});
connect();
