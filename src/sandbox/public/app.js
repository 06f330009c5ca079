// The sandbox page: draws the channels and their threads from the server's event stream and sends
// what the person types, the file they attach and the forms the bot opens. Every piece of text is set
// with textContent; nothing is parsed as HTML.
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
  messageApps: [], // message commands, offered on a message when it is hovered or tapped, as Discord's Apps menu is
  examples: [], // what the empty channel offers to try: { ar, en } command lines
  channels: [], // the server's text channels, the first one first
  channelId: '', // the channel shown
  unread: new Set(), // channels with messages not seen yet
  file: null, // the file attached in the composer: { name, size, type, blob }
  maxFileBytes: Infinity,
  fileCommands: [], // e.g. ["/article add"]
  modal: null, // the form the bot opened and the page shows
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

function channelName(id) {
  return state.channels.find((c) => c.id === id)?.name ?? state.threads.get(id)?.name ?? 'channel';
}

/** The text channel a message belongs to: its own, or its thread's parent. */
function parentChannel(channelId) {
  return state.threads.get(channelId)?.parentId ?? channelId;
}

// ---- Discord-style markdown, built as DOM nodes ----

// A backslash before a character that is not a letter, digit or space shows that character as itself,
// as Discord does: the bot escapes article text so that it shows as written and never formats.
const INLINE =
  /(\\[^0-9A-Za-z\s]|\*\*(?:\\.|[^*\n])+\*\*|__(?:\\.|[^_\n])+__|~~(?:\\.|[^~\n])+~~|`[^`\n]+`|<@!?\d+>|<@&\d+>|<#\d+>|\*(?:\\.|[^*\s])(?:\\.|[^*\n])*\*|_(?:\\.|[^_\s])(?:\\.|[^_\n])*_)/;

/** Bold, italic, underline or strike-through text, its escapes shown as in any other text. */
function styled(tag, text) {
  const node = el(tag);
  appendInline(node, text);
  return node;
}

function appendInline(parent, text) {
  for (const part of text.split(INLINE)) {
    if (!part) continue;
    let node;
    let m;
    if ((m = /^\\([^0-9A-Za-z\s])$/.exec(part))) node = document.createTextNode(m[1]);
    else if ((m = /^\*\*(.+)\*\*$/.exec(part))) node = styled('strong', m[1]);
    else if ((m = /^__(.+)__$/.exec(part))) node = styled('u', m[1]);
    else if ((m = /^~~(.+)~~$/.exec(part))) node = styled('s', m[1]);
    else if ((m = /^`(.+)`$/.exec(part))) node = el('code', '', m[1]);
    else if ((m = /^<@!?(\d+)>$/.exec(part))) node = el('span', 'mention', `@${userName(m[1])}`);
    else if ((m = /^<@&(\d+)>$/.exec(part))) node = el('span', 'mention', '@role');
    else if ((m = /^<#(\d+)>$/.exec(part))) node = el('span', 'mention', `#${channelName(m[1])}`);
    else if ((m = /^[*_](.+)[*_]$/.exec(part))) node = styled('em', m[1]);
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

// An article id such as "A3" is a label, like a number: "1 · [A3 2.1]" follows its message's direction.
const ARTICLE_ID = /\bA\d+\b/g;

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
  if (ownDirection && LETTER.test(line.replace(ARTICLE_ID, ''))) node.dir = 'auto';
  return node;
}

// ---- messages ----

function renderMessage(view) {
  const item = el('li', `message${view.ephemeral ? ' ephemeral' : ''}`);
  item.dataset.id = view.id;
  item.tabIndex = -1; // a tap gives it focus, which shows its Apps action on a phone
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

// An empty channel says what the bot does and offers questions to try, each in Arabic and in English.
function renderWelcome() {
  const item = el('li', 'welcome');
  item.append(el('div', 'welcome-title', 'Welcome! Ask the bot about the article.'));
  item.append(el('div', 'welcome-text', 'It answers in Arabic or English with the article\'s own sentences, quoted exactly, each with an id like [4.1]. Try one:'));
  const list = el('div', 'welcome-examples');
  for (const example of state.examples) {
    for (const [language, line] of [['ar', example.ar], ['en', example.en]]) {
      const button = el('button', 'example');
      // the command is one left-to-right unit, so an Arabic line shows "/ask" (not "ask/") at its start
      const [, command = '', rest = line] = /^(\/\S+)(.*)$/s.exec(line) ?? [];
      const commandNode = el('bdi', 'command', command);
      commandNode.dir = 'ltr';
      button.append(commandNode, rest);
      button.type = 'button';
      // by its language, not its first letter: "/ask" starts the Arabic line from the right, as the command it is
      button.dir = language === 'ar' ? 'rtl' : 'ltr';
      button.lang = language;
      button.addEventListener('click', () => {
        $('input').value = line;
        $('composer').requestSubmit();
      });
      list.append(button);
    }
  }
  item.append(list);
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
  const known = state.messages.has(view.id);
  state.messages.set(view.id, view);
  const list = listFor(view.channelId);
  if (!list) {
    // a new message elsewhere marks its channel, as Discord shows unread channels in white
    if (!known && parentChannel(view.channelId) !== state.channelId) markUnread(parentChannel(view.channelId));
    return;
  }
  const fresh = renderMessage(view);
  const old = list.querySelector(`[data-id="${CSS.escape(view.id)}"]`);
  // "thinking…" turning into a long answer must not push its end out of sight of someone reading the newest
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  if (old) old.replaceWith(fresh);
  else {
    list.querySelector('.welcome')?.remove();
    list.append(fresh);
  }
  if (!old || atBottom) list.scrollTop = list.scrollHeight;
}

function remove({ id, channelId }) {
  state.messages.delete(id);
  listFor(channelId)?.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove();
}

function redrawList(channelId, list) {
  list.replaceChildren();
  for (const view of state.messages.values()) if (view.channelId === channelId) list.append(renderMessage(view));
  if (list.children.length === 0 && list === $('messages')) list.append(renderWelcome());
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

function closeThread() {
  state.openThread = null;
  $('thread-panel').hidden = true;
  delete $('thread-panel').dataset.threadId;
}

function addThread(thread, { open }) {
  state.threads.set(thread.id, thread);
  const starter = state.messages.get(thread.id);
  if (starter) upsert(starter);
  // a thread opened in another channel waits there behind its link
  if (open && thread.parentId === state.channelId) openThread(thread.id);
}

// ---- channels ----

function renderChannels() {
  const list = $('channel-list');
  list.replaceChildren();
  for (const channel of state.channels) {
    const item = el('li');
    const link = el('button', 'channel-link', `# ${channel.name}`);
    link.type = 'button';
    link.dataset.channelId = channel.id;
    link.classList.toggle('active', channel.id === state.channelId);
    link.classList.toggle('unread', state.unread.has(channel.id));
    if (channel.id === state.channelId) link.setAttribute('aria-current', 'page');
    link.addEventListener('click', () => showChannel(channel.id));
    item.append(link);
    list.append(item);
  }
}

function markUnread(channelId) {
  if (!state.channels.some((c) => c.id === channelId)) return;
  state.unread.add(channelId);
  renderChannels();
}

/** Shows one channel's messages; its own thread panel stays, another channel's closes. */
function showChannel(id) {
  const channel = state.channels.find((c) => c.id === id) ?? state.channels[0];
  if (!channel) return;
  state.channelId = channel.id;
  state.unread.delete(channel.id);
  $('channel-name').textContent = channel.name;
  $('channel').setAttribute('aria-label', `Channel ${channel.name}`);
  $('input').placeholder = `Message #${channel.name} — /ask, /summary, /source 4.1, /article, /about or @bot …`;
  $('input').setAttribute('aria-label', `Message #${channel.name}`);
  document.title = `# ${channel.name} · Article bot sandbox`;
  hideSuggestions();
  if (state.openThread && state.threads.get(state.openThread)?.parentId !== channel.id) closeThread();
  redrawList(channel.id, $('messages'));
  renderChannels();
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

// ---- a file attached in the composer ----

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Attaches one file (the newest replaces any other); over the article size limit it is refused. */
function attachFile(file) {
  if (!file) return;
  if (file.size > state.maxFileBytes) {
    notice(state.channelId, `Not attached: "${file.name}" is ${file.size.toLocaleString('en')} bytes; a file holds at most ${state.maxFileBytes.toLocaleString('en')} bytes (the article size limit).`);
    return;
  }
  state.file = { name: file.name, size: file.size, type: file.type, blob: file };
  $('attachment-name').textContent = file.name;
  $('attachment-size').textContent = formatBytes(file.size);
  $('attachment').hidden = false;
  // what a file is for: the command that takes it, ready to send
  const [command] = state.fileCommands;
  if (command && !$('input').value.trim()) $('input').value = command;
  $('input').focus();
}

function detachFile() {
  state.file = null;
  $('attachment').hidden = true;
  $('attachment-name').textContent = '';
  $('file-input').value = '';
}

function wireFiles() {
  $('attach').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', () => attachFile($('file-input').files?.[0]));
  $('attachment-remove').addEventListener('click', detachFile);
  // a file dropped anywhere on the page is attached, as in Discord
  document.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) document.body.classList.remove('dropping');
  });
  document.addEventListener('drop', (event) => {
    document.body.classList.remove('dropping');
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    attachFile(event.dataTransfer.files[0]);
  });
}

// ---- a form (modal) the bot opens ----

function modalField(field) {
  const wrap = el('div', 'modal-field');
  const id = `modal-field-${field.customId}`;
  const label = el('label', 'modal-label');
  label.htmlFor = id;
  label.append(el('span', '', field.label));
  if (field.required) label.append(el('span', 'required', ' *'));
  label.dir = 'auto';
  wrap.append(label);
  if (field.description) wrap.append(el('div', 'modal-description', field.description));
  const input = field.paragraph ? el('textarea') : el('input');
  if (!field.paragraph) input.type = 'text';
  else input.rows = 6;
  input.id = id;
  input.name = field.customId;
  input.dir = 'auto';
  input.required = field.required;
  if (field.maxLength !== null) input.maxLength = field.maxLength;
  if (field.minLength !== null) input.minLength = field.minLength;
  if (field.placeholder) input.placeholder = field.placeholder;
  input.value = field.value;
  wrap.append(input);
  if (field.maxLength !== null) {
    const counter = el('div', 'modal-counter');
    const count = () => {
      counter.textContent = `${[...input.value].length.toLocaleString('en')} / ${field.maxLength.toLocaleString('en')}`;
    };
    input.addEventListener('input', count);
    count();
    wrap.append(counter);
  }
  return wrap;
}

function openModal(view) {
  state.modal = view;
  $('modal-title').textContent = view.title;
  $('modal-fields').replaceChildren(...view.fields.map(modalField));
  $('modal').dataset.customId = view.customId;
  if (!$('modal').open) $('modal').showModal();
  $('modal-fields').querySelector('input, textarea')?.focus();
}

function closeModal() {
  state.modal = null;
  if ($('modal').open) $('modal').close();
}

async function submitModal() {
  const view = state.modal;
  if (!view) return;
  const values = {};
  for (const field of view.fields) values[field.customId] = $('modal-form').elements.namedItem(field.customId)?.value ?? '';
  const channelId = state.channelId;
  closeModal();
  const result = await post('/modal', { customId: view.customId, values });
  if (result.notice) notice(channelId, result.notice);
}

function wireModal() {
  $('modal-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submitModal().catch((error) => notice(state.channelId, `Could not send: ${error.message}`));
  });
  $('modal-cancel').addEventListener('click', closeModal);
  $('modal').addEventListener('close', () => {
    state.modal = null;
  });
}

async function submit(text, channelId, file) {
  const trimmed = text.trim();
  if (!trimmed && !file) return;
  const body = { text, channelId };
  if (file) body.file = { name: file.name, type: file.type, data: await base64(file.blob) };
  const result = await post('/input', body);
  if (result.interactionId) {
    state.typed.set(result.interactionId, result.typed ?? trimmed);
    for (const view of state.messages.values()) {
      if (view.command?.interactionId === result.interactionId) upsert(view);
    }
    // the file went with the command; one that was refused stays attached to try again
    if (file && state.file === file) detachFile();
  }
  if (result.notice) notice(channelId, result.notice);
}

/** A file's bytes as base64, for the JSON the page server takes. */
function base64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
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

function wireComposer(formId, inputId, channelOf, fileOf = () => null) {
  const form = $(formId);
  const input = $(inputId);
  const send = () => {
    const text = input.value;
    input.value = '';
    hideSuggestions();
    submit(text, channelOf(), fileOf()).catch((error) => notice(channelOf(), `Could not send: ${error.message}`));
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
    state.channels = data.channels ?? [data.channel];
    state.users = new Map(data.users.map((u) => [u.id, u]));
    state.messages = new Map(data.messages.map((m) => [m.id, m]));
    state.threads = new Map(data.threads.map((t) => [t.id, t]));
    state.messageApps = data.messageApps ?? [];
    state.examples = data.examples ?? [];
    state.fileCommands = data.fileCommands ?? [];
    state.maxFileBytes = data.maxFileBytes ?? Infinity;
    for (const [id, text] of data.typed ?? []) state.typed.set(id, text);
    // a reconnect keeps the channel being read
    showChannel(state.channelId);
    if (state.openThread) openThread(state.openThread);
    $('status').textContent = `${data.botName} connected`;
    document.body.dataset.ready = 'true';
  });
  events.addEventListener('message', (event) => upsert(JSON.parse(event.data)));
  events.addEventListener('delete', (event) => remove(JSON.parse(event.data)));
  // On a phone the thread would cover the answer just given; its link under the answer opens it.
  events.addEventListener('thread', (event) => addThread(JSON.parse(event.data), { open: !PHONE.matches }));
  events.addEventListener('modal', (event) => openModal(JSON.parse(event.data)));
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
  const { choices, valueStart } = await post('/autocomplete', { text, channelId: state.channelId });
  if (round !== suggestionRound) return; // a newer keystroke has taken over
  const list = $('suggestions');
  list.replaceChildren();
  for (const choice of choices) {
    const item = el('li');
    const button = el('button', '', choice.name);
    button.type = 'button';
    button.dir = 'auto';
    button.addEventListener('click', () => {
      // the choice replaces the value being typed; what came before it stays
      $('input').value = `${text.slice(0, valueStart)}${choice.value}`;
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

wireComposer('composer', 'input', () => state.channelId, () => state.file);
wireComposer('thread-composer', 'thread-input', () => state.openThread);
wireFiles();
wireModal();
$('thread-close').addEventListener('click', closeThread);
connect();
