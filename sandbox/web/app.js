/* The sandbox web chat: a Telegram private chat with the bot, in plain JavaScript.
 *
 * Everything goes through the sandbox's user side (JSON under /sandbox/api/): the page
 * writes as a Telegram user, presses buttons and uploads files, and a long poll on
 * /sandbox/api/chats/{id}/events brings the bot's messages, edits, deletions, keyboards,
 * callback answers and chat actions as they happen. See docs/sandbox-web.md.
 */
"use strict";

(() => {
  const API = "/sandbox/api";
  const POLL_WAIT = 25; // seconds; the server caps its long poll at 25 s
  const STORE = "sandbox-webchat:";
  const STAFF = { id: 990000001, first_name: "Сотрудник", last_name: "поддержки" };
  const PRESS_TIMEOUT = 10000;
  const BOT_CHECK_AFTER_ACTION = 2500;
  const BOT_CHECK_WHILE_BAD = 2000;
  const BOT_CHECK_IDLE = 15000;

  const $ = (id) => document.getElementById(id);
  const ui = {
    app: $("app"),
    peerAvatar: $("peer-avatar"),
    peerName: $("peer-name"),
    peerStatus: $("peer-status"),
    whoButton: $("who-button"),
    whoAvatar: $("who-avatar"),
    whoName: $("who-name"),
    whoMenu: $("who-menu"),
    banner: $("banner"),
    messages: $("messages"),
    empty: $("empty"),
    startButton: $("start-button"),
    toBottom: $("to-bottom"),
    toast: $("toast"),
    commands: $("commands"),
    attachMenu: $("attach-menu"),
    replyTo: $("reply-to"),
    replyToQuote: $("reply-to-quote"),
    replyToCancel: $("reply-to-cancel"),
    keyboard: $("reply-keyboard"),
    menuButton: $("menu-button"),
    attachButton: $("attach-button"),
    input: $("input"),
    keyboardButton: $("keyboard-button"),
    sendButton: $("send-button"),
    photoInput: $("photo-input"),
    documentInput: $("document-input"),
    sideLogins: $("side-logins"),
    sideInbox: $("side-inbox"),
    overlay: $("overlay"),
    dialog: $("dialog"),
  };

  const S = {
    inbox: [],
    inboxAfter: 0,
    inboxLoaded: false,
    bot: null,
    logins: [],
    groups: [],
    customUsers: loadJson("custom-users", []),
    identity: null,
    generation: 0,
    pollController: null,
    loaded: false, // the chat of the current identity has been fetched once
    version: 0,
    messages: new Map(), // message_id → the message as the sandbox shows it
    rows: new Map(), // message_id → its row element
    keyboard: null,
    keyboardHidden: false,
    commands: [],
    commandIndex: -1,
    replyTo: null,
    pending: new Map(), // message_id → {button, timer}: inline buttons waiting for the bot
    unread: 0,
    offline: false,
    botProblem: null, // null | "silent" | "stalled"
    botTimer: null,
    botCheckAt: Infinity, // when the next status check is due (performance.now())
    typingTimer: null,
    toastTimer: null,
  };

  // ================================================================ small helpers

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** `node.replaceChildren` that skips null/false: the DOM would show them as the text "null". */
  function fill(node, ...children) {
    node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  }

  function svg(path) {
    const ns = "http://www.w3.org/2000/svg";
    const node = document.createElementNS(ns, "svg");
    node.setAttribute("viewBox", "0 0 24 24");
    node.setAttribute("aria-hidden", "true");
    const p = document.createElementNS(ns, "path");
    p.setAttribute("d", path);
    node.append(p);
    return node;
  }

  const ICON_FILE = "M14 2H6a2 2 0 00-2 2v16a2 2 0 002 2h12a2 2 0 002-2V8zm-1 7V3.5L18.5 9z";
  const ICON_REPLY = "M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11z";
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function loadJson(key, fallback) {
    try {
      const raw = localStorage.getItem(STORE + key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch {
      return fallback;
    }
  }

  function saveJson(key, value) {
    try {
      localStorage.setItem(STORE + key, JSON.stringify(value));
    } catch {
      /* private mode: the page still works, it just forgets */
    }
  }

  function initials(...names) {
    const letters = names
      .filter(Boolean)
      .flatMap((n) => String(n).split(/\s+/))
      .filter((w) => /[\p{L}\p{N}]/u.test(w))
      .map((w) => w.match(/[\p{L}\p{N}]/u)[0].toUpperCase());
    return letters.slice(0, 2).join("") || "?";
  }

  function formatPhone(phone) {
    const digits = String(phone || "").replace(/\D/g, "");
    if (digits.length === 11 && (digits[0] === "7" || digits[0] === "8")) {
      const d = digits;
      return `+7 ${d.slice(1, 4)} ${d.slice(4, 7)}-${d.slice(7, 9)}-${d.slice(9, 11)}`;
    }
    return phone;
  }

  function formatSize(bytes) {
    if (bytes === undefined || bytes === null) return "";
    const units = ["Б", "КБ", "МБ", "ГБ"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const shown = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0);
    return `${shown.replace(".", ",")} ${units[unit]}`;
  }

  // The bot works in Moscow time, so the chat shows Moscow time too, whatever the browser's zone.
  const TIME_ZONE = "Europe/Moscow";
  const timeFormat = new Intl.DateTimeFormat("ru-RU", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  });
  const dayFormat = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", timeZone: TIME_ZONE });
  const yearDayFormat = new Intl.DateTimeFormat("ru-RU", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: TIME_ZONE,
  });
  const keyFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE });
  const fullFormat = new Intl.DateTimeFormat("ru-RU", {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: TIME_ZONE,
  });

  function dayKey(unix) {
    return keyFormat.format(new Date(unix * 1000)); // 2026-12-01 in Moscow
  }

  function dayLabel(unix) {
    const d = new Date(unix * 1000);
    const today = new Date();
    const yesterday = new Date(Date.now() - 86400000);
    if (dayKey(unix) === dayKey(today / 1000)) return "Сегодня";
    if (dayKey(unix) === dayKey(yesterday / 1000)) return "Вчера";
    const sameYear = dayKey(unix).slice(0, 4) === dayKey(today / 1000).slice(0, 4);
    return (sameYear ? dayFormat : yearDayFormat).format(d);
  }

  function userName(user) {
    if (!user) return "";
    return [user.first_name, user.last_name].filter(Boolean).join(" ");
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url, location.href);
      return ["http:", "https:", "mailto:", "ftp:", "tg:"].includes(parsed.protocol) ? parsed.href : null;
    } catch {
      return null;
    }
  }

  // ================================================================ the sandbox's API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, { method = "GET", json, form, signal, timeout = 15000 } = {}) {
    const controller = new AbortController();
    const forward = () => controller.abort();
    if (signal) {
      if (signal.aborted) controller.abort();
      else signal.addEventListener("abort", forward, { once: true });
    }
    const timer = setTimeout(() => controller.abort(), timeout);
    try {
      const init = { method, signal: controller.signal, headers: {}, cache: "no-store" };
      if (json !== undefined) {
        init.body = JSON.stringify(json);
        init.headers["Content-Type"] = "application/json";
      } else if (form) {
        init.body = form;
      }
      const response = await fetch(API + path, init);
      let data = null;
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      if (!response.ok) {
        throw new ApiError(response.status, (data && data.error) || response.statusText);
      }
      return data;
    } finally {
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", forward);
    }
  }

  /** A user action failed: say why, in a toast; a lost connection also shows the banner. */
  function actionFailed(error, fallback) {
    if (error instanceof ApiError) {
      toast(error.status === 404 ? fallback || error.message : error.message);
      return;
    }
    setOffline(true);
    toast("Нет связи с песочницей — действие не выполнено");
  }

  // ================================================================ who the page is

  function loginIdentity(login) {
    const digits = String(login.phone).replace(/\D/g, "");
    const id = Number(digits.slice(-9)) || 100000 + S.logins.indexOf(login);
    const parts = String(login.name || "").split(/\s+/).filter(Boolean);
    const label = login.label || "Демо-вход";
    return {
      key: `u:${id}`,
      kind: "user",
      userId: id,
      chatId: id,
      phone: login.phone,
      first_name: parts[1] || parts[0] || label,
      last_name: parts.length > 1 ? parts[0] : null,
      short: label,
      title: `${label} (${login.phone})`,
      whoText: `${login.phone} · ${label}`, // the phone first: it is what tells users apart
      sub: [login.name, login.company].filter(Boolean).join(" · "),
      avatar: initials(parts[1], parts[0]) || initials(label),
    };
  }

  function customIdentity(user) {
    return {
      key: `u:${user.id}`,
      kind: "user",
      userId: user.id,
      chatId: user.id,
      phone: user.phone || null,
      first_name: user.first_name,
      last_name: null,
      short: user.first_name,
      title: user.first_name,
      sub: user.phone ? `Telegram id ${user.id} · ${user.phone}` : `Telegram id ${user.id}`,
      avatar: (user.first_name[0] || "?") + (user.first_name.match(/\d+$/) || [""])[0],
      custom: true,
    };
  }

  function groupIdentity(group) {
    return {
      key: `g:${group.id}`,
      kind: "group",
      userId: STAFF.id,
      chatId: group.id,
      phone: null,
      first_name: STAFF.first_name,
      last_name: STAFF.last_name,
      short: group.title,
      title: group.title,
      whoText: `${userName(STAFF)} в группе «${group.title}»`,
      sub: `Группа · вы пишете как «${userName(STAFF)}»`,
      avatar: initials(group.title),
      groupTitle: group.title,
    };
  }

  function identities() {
    return [
      ...S.logins.map(loginIdentity),
      ...S.customUsers.map(customIdentity),
      ...S.groups.map(groupIdentity),
    ];
  }

  function newCustomUser() {
    const used = new Set(S.customUsers.map((u) => u.id));
    let id;
    do {
      id = 900000000 + Math.floor(Math.random() * 9000000);
    } while (used.has(id));
    const user = { id, first_name: `Новый пользователь ${S.customUsers.length + 1}` };
    S.customUsers.push(user);
    saveJson("custom-users", S.customUsers);
    return customIdentity(user);
  }

  async function registerUser(identity) {
    const user =
      identity.kind === "group"
        ? { ...STAFF, language_code: "ru" }
        : {
            id: identity.userId,
            first_name: identity.first_name,
            last_name: identity.last_name,
            language_code: "ru",
            phone_number: identity.phone,
          };
    await api("/users", { method: "POST", json: user });
  }

  const chatParam = () => (S.identity.kind === "group" ? S.identity.chatId : undefined);

  // ================================================================ switching

  async function activate(identity) {
    S.generation += 1;
    const generation = S.generation;
    if (S.pollController) S.pollController.abort();
    S.identity = identity;
    saveJson("identity", identity.key);
    S.version = 0;
    S.messages.clear();
    for (const row of S.rows.values()) row.remove();
    S.rows.clear();
    for (const { timer } of S.pending.values()) clearTimeout(timer);
    S.pending.clear();
    document.querySelectorAll("#messages .day").forEach((d) => d.remove());
    S.keyboard = null;
    S.keyboardHidden = false;
    S.unread = 0;
    S.loaded = false;
    setReplyTo(null);
    stopTyping();
    renderKeyboard();
    renderHeader();
    renderWhoMenu();
    updateEmpty();
    pollLoop(generation);
    loadCommands();
  }

  async function resync(generation) {
    await registerUser(S.identity);
    const state = await api(`/chats/${S.identity.chatId}`);
    if (generation !== S.generation) return;
    const live = new Set(state.messages.map((m) => m.message_id));
    for (const id of [...S.rows.keys()]) if (!live.has(id)) removeMessage(id);
    const stick = nearBottom();
    for (const message of state.messages) upsertMessage(message);
    setKeyboard(state.reply_keyboard, { keepHidden: true });
    S.version = state.version;
    S.loaded = true;
    refreshDays();
    updateEmpty();
    if (stick || S.rows.size) scrollToBottom();
  }

  /** One chat's long poll, until another chat is opened (a new generation). */
  async function pollLoop(generation) {
    let delay = 1000;
    let needResync = true; // first the whole chat, then only what changes
    while (generation === S.generation) {
      const controller = new AbortController();
      S.pollController = controller;
      try {
        if (needResync) {
          await resync(generation);
          needResync = false;
          setOffline(false);
          continue;
        }
        const path = `/chats/${S.identity.chatId}/events?after=${S.version}&timeout=${POLL_WAIT}`;
        const events = await api(path, { signal: controller.signal, timeout: (POLL_WAIT + 10) * 1000 });
        if (generation !== S.generation) return;
        setOffline(false);
        delay = 1000;
        if (events.version < S.version) {
          needResync = true; // the sandbox restarted: its versions began again
          continue;
        }
        applyEvents(events);
      } catch (error) {
        if (generation !== S.generation) return;
        if (error instanceof ApiError && error.status < 500) {
          toast(error.message);
        } else {
          setOffline(true);
        }
        needResync = true; // the sandbox may have restarted meanwhile
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  function applyEvents(events) {
    const stick = nearBottom();
    let newest = 0;
    let newFromOthers = 0;
    let newFromMe = false;
    for (const message of events.messages) {
      if (message.deleted) {
        removeMessage(message.message_id);
        continue;
      }
      const isNew = !S.messages.has(message.message_id);
      upsertMessage(message);
      if (message.from_bot) newest = Math.max(newest, message.version);
      if (isNew && isMine(message)) newFromMe = true;
      else if (isNew) newFromOthers += 1;
    }
    if (events.keyboard_changed) setKeyboard(events.reply_keyboard);
    for (const answer of events.callback_answers) showCallbackAnswer(answer);
    const actions = events.chat_actions.filter((a) => a.version > newest);
    if (actions.length) showTyping(actions[actions.length - 1].action);
    else if (newest) stopTyping();
    S.version = events.version;
    const botSpoke = newest > 0 || events.callback_answers.length > 0;
    if (botSpoke && S.botProblem) {
      S.botProblem = null; // the bot just answered: it is there, whatever the last check said
      renderBanner();
      scheduleBotCheck(BOT_CHECK_AFTER_ACTION);
    }
    if (botSpoke && !S.commands.length) loadCommands();
    if (events.messages.length) {
      refreshDays();
      updateEmpty();
      if (stick || newFromMe) scrollToBottom();
      else if (newFromOthers) {
        S.unread += newFromOthers;
        updateToBottom();
      }
    }
  }

  // ================================================================ the bot's health

  function setOffline(offline) {
    if (S.offline === offline) return;
    S.offline = offline;
    renderBanner();
    if (!offline) scheduleBotCheck(0);
  }

  function renderBanner() {
    let text = null;
    let warn = false;
    if (S.offline) {
      text = "Нет связи с песочницей — запущен ли make run? Переподключаемся…";
    } else if (S.botProblem === "stalled") {
      text = "Бот не отвечает — запущен ли он?";
      warn = true;
    } else if (S.botProblem === "silent") {
      text = "Бот не подключён к песочнице — запущен ли он?";
      warn = true;
    }
    ui.banner.hidden = text === null;
    ui.banner.textContent = text || "";
    ui.banner.classList.toggle("warn", warn);
  }

  /** Check the bot's status in ``ms``, unless a check is due sooner already. */
  function scheduleBotCheck(ms) {
    const at = performance.now() + ms;
    if (at >= S.botCheckAt) return;
    clearTimeout(S.botTimer);
    S.botCheckAt = at;
    S.botTimer = setTimeout(checkBot, ms);
  }

  async function checkBot() {
    clearTimeout(S.botTimer);
    S.botCheckAt = Infinity;
    let next = BOT_CHECK_IDLE;
    try {
      const status = await api("/status", { timeout: 8000 });
      S.bot = status.bot;
      mergeGroups(status.group_chats || []);
      const before = S.botProblem;
      S.botProblem = status.bot_stalled ? "stalled" : status.bot_polling ? null : "silent";
      if (S.botProblem === null && !S.commands.length) loadCommands();
      if (S.botProblem) next = BOT_CHECK_WHILE_BAD;
      renderHeader();
    } catch (error) {
      if (!(error instanceof ApiError)) setOffline(true);
      next = BOT_CHECK_WHILE_BAD;
    }
    renderBanner();
    scheduleBotCheck(next);
  }

  function mergeGroups(groups) {
    const known = new Set(S.groups.map((g) => g.id));
    const fresh = groups.filter((g) => !known.has(g.id));
    if (!fresh.length) return;
    S.groups.push(...fresh);
    renderWhoMenu();
  }

  /** The user did something the bot should answer: look whether it is there to answer. */
  function userActed() {
    scheduleBotCheck(BOT_CHECK_AFTER_ACTION);
  }

  // ================================================================ header and who menu

  function renderHeader() {
    const identity = S.identity;
    if (!identity) return;
    if (identity.kind === "group") {
      ui.peerName.textContent = identity.groupTitle;
      ui.peerAvatar.textContent = initials(identity.groupTitle);
      ui.peerAvatar.classList.add("group");
    } else {
      const name = S.bot ? S.bot.first_name : "Бот";
      ui.peerName.textContent = name;
      ui.peerAvatar.textContent = initials(name);
      ui.peerAvatar.classList.remove("group");
    }
    if (!ui.peerStatus.classList.contains("active")) ui.peerStatus.textContent = idleStatus();
    ui.whoName.textContent = identity.whoText || identity.title;
    ui.whoAvatar.textContent = identity.avatar;
    ui.whoButton.title = `Вы пишете как: ${identity.title}. Нажмите, чтобы стать другим пользователем`;
    document.title = `${ui.peerName.textContent} — песочница Telegram`;
  }

  function idleStatus() {
    if (S.identity && S.identity.kind === "group") return `группа · вы: ${userName(STAFF)}`;
    return S.bot && S.bot.username ? `бот · @${S.bot.username}` : "бот";
  }

  function renderWhoMenu() {
    const current = S.identity ? S.identity.key : null;
    const item = (identity) =>
      h(
        "button",
        {
          type: "button",
          role: "menuitemradio",
          "aria-checked": String(identity.key === current),
          dataset: { key: identity.key },
          onclick: () => {
            closeMenus();
            if (identity.key !== current) activate(identity);
          },
        },
        h("span", { class: "who-avatar", "aria-hidden": "true", text: identity.avatar }),
        h(
          "span",
          { class: "who-item-text" },
          h("span", { class: "who-item-title", text: identity.title }),
          h("span", { class: "who-item-sub", text: identity.sub }),
        ),
      );
    const all = identities();
    const logins = all.filter((i) => i.kind === "user" && !i.custom);
    const custom = all.filter((i) => i.custom);
    const groups = all.filter((i) => i.kind === "group");
    fill(
      ui.whoMenu,
      logins.length ? h("div", { class: "menu-section", text: "Демо-входы МегаФон" }) : null,
      ...logins.map(item),
      h("div", { class: "menu-section", text: "Другие пользователи Telegram" }),
      ...custom.map(item),
      h(
        "button",
        {
          type: "button",
          role: "menuitem",
          dataset: { action: "new-user" },
          onclick: () => {
            closeMenus();
            activate(newCustomUser());
          },
        },
        h("span", { class: "who-avatar", "aria-hidden": "true", text: "+" }),
        h(
          "span",
          { class: "who-item-text" },
          h("span", { class: "who-item-title", text: "Новый пользователь" }),
          h("span", { class: "who-item-sub", text: "Чистый чат: бот видит вас впервые" }),
        ),
      ),
      groups.length ? h("div", { class: "menu-section", text: "Группы" }) : null,
      ...groups.map(item),
    );
  }

  function renderSideLogins() {
    if (!S.logins.length) {
      ui.sideLogins.replaceChildren(h("p", { class: "muted", text: "Демо-входы не переданы песочнице." }));
      return;
    }
    const copyable = (text) =>
      h("code", { title: "Нажмите, чтобы скопировать", onclick: () => copy(text) }, text);
    fill(
      ui.sideLogins,
      ...S.logins.map((login) =>
        h(
          "div",
          { class: "login-card" },
          h("div", { class: "login-role", text: login.label || login.role || "Демо-вход" }),
          h(
            "div",
            { class: "login-line" },
            copyable(login.phone),
            login.password ? copyable(login.password) : null,
          ),
          h("div", { class: "login-name", text: [login.name, login.company].filter(Boolean).join(" · ") }),
        ),
      ),
    );
  }

  // ================================================================ messages

  const isMine = (message) => !message.from_bot && message.from && message.from.id === S.identity.userId;

  function upsertMessage(message) {
    const id = message.message_id;
    S.messages.set(id, message);
    const row = renderRow(message);
    const old = S.rows.get(id);
    if (old) {
      // Keep what the person revealed or expanded in the edited message.
      if (old.querySelector(".spoiler.revealed")) {
        row.querySelectorAll(".spoiler").forEach((s) => s.classList.add("revealed"));
      }
      if (old.querySelector("blockquote.expandable.open")) {
        row.querySelectorAll("blockquote.expandable").forEach((q) => q.classList.add("open"));
      }
      old.replaceWith(row);
    } else {
      const after = [...S.rows.entries()].find(([other]) => other > id);
      ui.messages.insertBefore(row, after ? after[1] : null);
    }
    S.rows.set(id, row);
    settlePress(id);
  }

  function removeMessage(id) {
    const row = S.rows.get(id);
    if (row) row.remove();
    S.rows.delete(id);
    S.messages.delete(id);
    settlePress(id);
    if (S.replyTo === id) setReplyTo(null);
    refreshDays();
    updateEmpty();
  }

  function updateEmpty() {
    ui.empty.hidden = S.rows.size > 0 || !S.identity || !S.loaded;
    if (S.identity) {
      ui.startButton.textContent = "Начать";
      ui.empty.querySelector(".empty-text").textContent =
        S.identity.kind === "group"
          ? "В группе пока тихо. Напишите сообщение."
          : "Напишите боту или нажмите «Начать».";
      ui.startButton.hidden = S.identity.kind === "group";
    }
  }

  function refreshDays() {
    ui.messages.querySelectorAll(".day").forEach((d) => d.remove());
    let last = null;
    let lastSender = null;
    for (const row of ui.messages.querySelectorAll(".row")) {
      const message = S.messages.get(Number(row.dataset.messageId));
      const key = dayKey(message.date);
      if (key !== last) {
        ui.messages.insertBefore(h("div", { class: "day", text: dayLabel(message.date) }), row);
        last = key;
        lastSender = null;
      }
      const sender = message.from_bot ? "bot" : String(message.from && message.from.id);
      row.classList.toggle("gap", lastSender !== null && sender !== lastSender);
      lastSender = sender;
    }
  }

  function senderName(message) {
    if (message.from_bot) return S.bot ? S.bot.first_name : "Бот";
    return userName(message.from);
  }

  function renderRow(message) {
    const mine = isMine(message);
    const inGroup = S.identity.kind === "group";
    const row = h("div", {
      class: `row${mine ? " out" : ""}`,
      dataset: { messageId: message.message_id, from: message.from_bot ? "bot" : "user" },
    });
    const bubble = h("div", { class: "bubble" });
    bubble.addEventListener("dblclick", (event) => {
      if (!event.target.closest("a, button, .spoiler, code, pre")) setReplyTo(message.message_id);
    });
    if (inGroup && !mine) bubble.append(h("div", { class: "sender", text: senderName(message) }));
    if (message.forwarded) bubble.append(h("div", { class: "forwarded", text: "Пересланное сообщение" }));
    if (message.reply_to_message_id) bubble.append(renderQuote(message.reply_to_message_id));

    const media = renderMedia(message, bubble);
    if (media) bubble.append(media);
    const hasText = Boolean(message.text);
    const meta = renderMeta(message, mine);
    if (hasText) {
      const text = h("div", { class: "text" });
      text.append(renderEntities(message.text, message.entities || []));
      const spacer = h("span", {
        class: `meta-spacer${mine ? " out" : ""}${message.edited ? " wide" : ""}`,
      });
      text.append(spacer);
      bubble.append(text);
    } else if (message.kind !== "text") {
      bubble.classList.add("no-caption");
    }
    bubble.append(meta);
    bubble.append(
      h(
        "button",
        {
          class: "reply-action",
          type: "button",
          title: "Ответить",
          "aria-label": "Ответить на сообщение",
          onclick: () => setReplyTo(message.message_id),
        },
        svg(ICON_REPLY),
      ),
    );
    row.append(bubble);
    const markup = message.reply_markup;
    if (markup && markup.inline_keyboard) row.append(renderInlineKeyboard(message, markup));
    return row;
  }

  function renderMeta(message, mine) {
    const time = timeFormat.format(new Date(message.date * 1000));
    return h(
      "span",
      { class: "meta", title: `${fullFormat.format(new Date(message.date * 1000))} (МСК)` },
      message.edited ? "изменено " : "",
      time,
      mine ? h("span", { class: "checks", text: "✓✓" }) : null,
    );
  }

  function renderQuote(targetId) {
    const target = S.messages.get(targetId);
    const snippet = target
      ? target.text || mediaSummary(target)
      : "Сообщение удалено";
    return h(
      "div",
      {
        class: "quote",
        onclick: () => {
          const row = S.rows.get(targetId);
          if (!row) return;
          row.scrollIntoView({ block: "center" });
          row.classList.remove("flash");
          void row.offsetWidth;
          row.classList.add("flash");
        },
      },
      h("b", { text: target ? senderName(target) : "…" }),
      snippet,
    );
  }

  function mediaSummary(message) {
    switch (message.kind) {
      case "photo":
        return "Фотография";
      case "document":
        return `Файл: ${message.document ? message.document.file_name : ""}`;
      case "contact":
        return "Контакт";
      case "sticker":
        return "Стикер";
      default:
        return "";
    }
  }

  function fileUrl(fileId) {
    return `${API}/files/${encodeURIComponent(fileId)}`;
  }

  function renderMedia(message, bubble) {
    if (message.kind === "photo" && message.photo) {
      bubble.classList.add("media");
      const photo = message.photo;
      // Telegram does not blow a tiny picture up to the whole bubble.
      const shown = Math.min(320, Math.max(photo.width || 320, 160));
      return h("img", {
        class: "photo",
        src: fileUrl(photo.file_id),
        width: photo.width,
        height: photo.height,
        style: `width:${shown}px`,
        alt: message.text || "Фотография",
        loading: "lazy",
        onclick: () => showPhoto(fileUrl(photo.file_id), message.text),
        onload: () => {
          if (nearBottom(400)) scrollToBottom();
        },
      });
    }
    if (message.kind === "document" && message.document) {
      const doc = message.document;
      return h(
        "a",
        {
          class: "doc",
          href: fileUrl(doc.file_id),
          download: doc.file_name || "file",
          title: `Скачать ${doc.file_name || "файл"}`,
        },
        h("span", { class: "doc-icon" }, svg(ICON_FILE)),
        h(
          "span",
          { class: "doc-text" },
          docName(doc.file_name || "Файл"),
          h("span", { class: "doc-size", text: formatSize(doc.file_size) }),
        ),
      );
    }
    if (message.kind === "contact" && message.contact) {
      const contact = message.contact;
      const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ");
      return h(
        "div",
        { class: "contact" },
        h("span", { class: "who-avatar", "aria-hidden": "true", text: initials(contact.first_name, contact.last_name) }),
        h(
          "div",
          {},
          h("div", { class: "contact-name", text: name || "Контакт" }),
          h("div", { class: "contact-phone", text: formatPhone(contact.phone_number) }),
        ),
      );
    }
    if (message.kind === "sticker" && message.sticker) {
      bubble.classList.add("sticker-bubble");
      return h("div", { class: "sticker", text: message.sticker.emoji || "🖼" });
    }
    return null;
  }

  // ---------------------------------------------------------------- formatted text

  const BLOCK = new Set(["pre", "blockquote", "expandable_blockquote"]);

  /** Text + entities (UTF-16 offsets, as JavaScript strings count) → DOM, as Telegram shows it. */
  function renderEntities(text, entities) {
    const sorted = entities
      .filter((e) => e.length > 0)
      .slice()
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    return build(text, 0, text.length, sorted, true);
  }

  function build(text, start, end, list, linkify) {
    const fragment = document.createDocumentFragment();
    let pos = start;
    let afterBlock = false;
    let i = 0;
    while (i < list.length) {
      const entity = list[i];
      const from = Math.max(entity.offset, pos);
      const to = Math.min(entity.offset + entity.length, end);
      if (from >= to) {
        i += 1;
        continue;
      }
      const inner = [];
      let j = i + 1;
      while (j < list.length && list[j].offset < to) {
        inner.push(list[j]);
        j += 1;
      }
      let plain = text.slice(pos, from);
      if (afterBlock) plain = plain.replace(/^\n/, "");
      if (BLOCK.has(entity.type)) plain = plain.replace(/\n$/, "");
      appendPlain(fragment, plain, linkify);
      const node = entityNode(entity, text.slice(entity.offset, entity.offset + entity.length));
      const childLinkify = linkify && !["code", "pre", "text_link", "url", "email", "bot_command", "text_mention"].includes(entity.type);
      const target = node.querySelector("[data-content]") || node;
      target.removeAttribute("data-content");
      target.append(build(text, from, to, inner, childLinkify));
      fragment.append(node);
      afterBlock = BLOCK.has(entity.type);
      pos = to;
      i = j;
    }
    let rest = text.slice(pos, end);
    if (afterBlock) rest = rest.replace(/^\n/, "");
    appendPlain(fragment, rest, linkify);
    return fragment;
  }

  function entityNode(entity, covered) {
    switch (entity.type) {
      case "bold":
        return h("b");
      case "italic":
        return h("i");
      case "underline":
        return h("u");
      case "strikethrough":
        return h("s");
      case "code":
        return h("code", {
          title: "Нажмите, чтобы скопировать",
          onclick: () => copy(covered),
        });
      case "pre": {
        const pre = h("pre", { title: "Нажмите, чтобы скопировать", onclick: () => copy(covered) });
        if (entity.language) pre.append(h("span", { class: "lang", text: entity.language }));
        pre.append(h("code", { "data-content": "" }));
        return pre;
      }
      case "spoiler":
        return h("span", {
          class: "spoiler",
          title: "Скрытый текст: нажмите, чтобы показать",
          onclick: (event) => {
            const spoiler = event.currentTarget;
            if (!spoiler.classList.contains("revealed")) {
              event.preventDefault();
              event.stopPropagation();
              spoiler.classList.add("revealed");
            }
          },
        });
      case "blockquote":
        return h("blockquote");
      case "expandable_blockquote":
        return h("blockquote", {
          class: "expandable",
          title: "Нажмите, чтобы развернуть",
          onclick: (event) => event.currentTarget.classList.toggle("open"),
        });
      case "text_link":
        return linkNode(entity.url);
      case "url":
        return linkNode(/^[a-z][a-z0-9+.-]*:/i.test(covered) ? covered : `http://${covered}`);
      case "email":
        return linkNode(`mailto:${covered}`);
      case "text_mention":
        return h("a", { href: "#", class: "mention", onclick: (e) => e.preventDefault() });
      case "bot_command":
        return commandLink(covered);
      case "mention":
      case "hashtag":
      case "cashtag":
        return h("span", { class: "mention" });
      default:
        return h("span");
    }
  }

  function linkNode(url) {
    const href = safeUrl(url);
    if (!href) return h("span");
    if (href.startsWith("tg:")) {
      return h("a", {
        href: "#",
        onclick: (e) => {
          e.preventDefault();
          toast("Ссылки tg:// открывает приложение Telegram, не песочница");
        },
      });
    }
    return h("a", { href, target: "_blank", rel: "noopener noreferrer" });
  }

  function commandLink(command) {
    return h("a", {
      href: "#",
      class: "command-link",
      onclick: (event) => {
        event.preventDefault();
        sendText(command);
      },
    });
  }

  // Telegram finds /commands and links in any text, also where no entity marks them.
  const AUTO = /(^|[\s(«"'])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?![\w@/])|(https?:\/\/[^\s<>«»"]+[^\s<>«»".,;:!?)])/g;

  function appendPlain(parent, text, linkify) {
    if (!text) return;
    if (!linkify) {
      parent.append(text);
      return;
    }
    let last = 0;
    for (const match of text.matchAll(AUTO)) {
      const lead = match[1] || "";
      const start = match.index + (match[2] ? lead.length : 0);
      const found = match[2] || match[3];
      parent.append(text.slice(last, start));
      const link = match[2] ? commandLink(found) : linkNode(found);
      link.textContent = found;
      parent.append(link);
      last = start + found.length;
    }
    parent.append(text.slice(last));
  }

  // ---------------------------------------------------------------- inline keyboards

  function renderInlineKeyboard(message, markup) {
    const keyboard = h("div", { class: "inline-kb" });
    for (const buttons of markup.inline_keyboard) {
      const row = h("div", { class: "kb-row" });
      for (const button of buttons) {
        const node = h("button", {
          type: "button",
          class: `kb-button${button.url ? " url" : ""}`,
          text: button.text,
          title: button.url || button.text,
        });
        node.addEventListener("click", () => pressInline(message, button, node));
        row.append(node);
      }
      keyboard.append(row);
    }
    return keyboard;
  }

  async function pressInline(message, button, node) {
    if (button.callback_data !== undefined) {
      if (node.classList.contains("loading")) return;
      settlePress(message.message_id);
      node.classList.add("loading");
      const timer = setTimeout(() => settlePress(message.message_id), PRESS_TIMEOUT);
      S.pending.set(message.message_id, { button: node, timer });
      try {
        await api(`/users/${S.identity.userId}/press`, {
          method: "POST",
          json: {
            message_id: message.message_id,
            callback_data: button.callback_data,
            chat_id: chatParam(),
          },
        });
        userActed();
      } catch (error) {
        settlePress(message.message_id);
        actionFailed(error, "Эта кнопка больше не действует");
      }
      return;
    }
    if (button.url) {
      const href = safeUrl(button.url);
      if (href && !href.startsWith("tg:")) window.open(href, "_blank", "noopener");
      else toast("Эту ссылку открывает приложение Telegram, не песочница");
      return;
    }
    if (button.copy_text) {
      copy(button.copy_text.text);
      return;
    }
    toast("Такие кнопки песочница не поддерживает");
  }

  function settlePress(messageId) {
    const pending = S.pending.get(messageId);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.button.classList.remove("loading");
    S.pending.delete(messageId);
  }

  function showCallbackAnswer(answer) {
    settlePress(answer.message_id);
    if (answer.text) {
      if (answer.show_alert) showAlert(answer.text);
      else toast(answer.text);
    } else if (answer.url) {
      toast(`Бот предложил открыть ссылку: ${answer.url}`);
    }
  }

  // ---------------------------------------------------------------- scrolling

  function nearBottom(slack = 80) {
    const m = ui.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight < slack;
  }

  function scrollToBottom() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
    S.unread = 0;
    updateToBottom();
  }

  function updateToBottom() {
    const away = !nearBottom(160);
    ui.toBottom.hidden = !away;
    if (S.unread > 0 && away) ui.toBottom.dataset.count = String(S.unread);
    else delete ui.toBottom.dataset.count;
    if (!away) S.unread = 0;
  }

  // ================================================================ the reply keyboard

  function setKeyboard(markup, { keepHidden = false } = {}) {
    const keyboard = markup && markup.keyboard ? markup : null;
    const same = JSON.stringify(keyboard) === JSON.stringify(S.keyboard);
    S.keyboard = keyboard;
    if (!same && !keepHidden) S.keyboardHidden = false;
    renderKeyboard();
  }

  function renderKeyboard() {
    const keyboard = S.keyboard;
    ui.keyboard.replaceChildren();
    ui.keyboardButton.hidden = !keyboard;
    ui.input.placeholder = (keyboard && keyboard.input_field_placeholder) || "Сообщение";
    if (!keyboard) {
      ui.keyboard.hidden = true;
      return;
    }
    for (const buttons of keyboard.keyboard) {
      const row = h("div", { class: "kb-row" });
      for (const raw of buttons) {
        const button = typeof raw === "string" ? { text: raw } : raw;
        const node = h("button", {
          type: "button",
          class: `reply-button${button.request_contact ? " contact" : ""}`,
          text: button.text,
        });
        if (button.request_contact && /\p{Extended_Pictographic}/u.test(button.text)) {
          node.classList.add("has-icon");
        }
        node.addEventListener("click", () => pressReply(button));
        row.append(node);
      }
      ui.keyboard.append(row);
    }
    ui.keyboard.hidden = S.keyboardHidden;
    ui.keyboardButton.classList.toggle("on", !S.keyboardHidden);
    ui.keyboardButton.setAttribute("aria-label", S.keyboardHidden ? "Показать кнопки бота" : "Скрыть кнопки бота");
  }

  function pressReply(button) {
    if (S.keyboard && S.keyboard.one_time_keyboard) {
      S.keyboardHidden = true;
      renderKeyboard();
    }
    if (button.request_contact) {
      openContactPicker();
      return;
    }
    const unsupported = {
      request_location: "геопозицию",
      request_poll: "опросы",
      request_users: "выбор пользователей",
      request_chat: "выбор чата",
    };
    for (const [field, what] of Object.entries(unsupported)) {
      if (button[field]) {
        toast(`Песочница не умеет отправлять ${what}`);
        return;
      }
    }
    if (button.web_app) {
      toast("Мини-приложения в песочнице не открываются");
      return;
    }
    sendText(button.text);
  }

  // ================================================================ sending

  // A name cut at its end would hide what tells an .xlsx from a .csv: the extension stays whole.
  function docName(name) {
    const dot = name.lastIndexOf(".");
    const [stem, ext] = dot > 0 && name.length - dot <= 6 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    return h(
      "span",
      { class: "doc-name", title: name },
      h("span", { class: "doc-stem", text: stem }),
      ext ? h("span", { class: "doc-ext", text: ext }) : null,
    );
  }

  const TEXT_LIMIT = 4096;

  async function sendText(text) {
    const value = text.trim();
    if (!value) return;
    if ([...value].length > TEXT_LIMIT) {
      toast(`Сообщение длиннее ${TEXT_LIMIT} символов: Telegram его не примет. Сократите текст.`);
      return false;
    }
    const replyTo = S.replyTo;
    try {
      if (replyTo) {
        await api(`/users/${S.identity.userId}/reply`, {
          method: "POST",
          json: { chat_id: S.identity.chatId, reply_to_message_id: replyTo, text: value },
        });
        setReplyTo(null);
      } else {
        await api(`/users/${S.identity.userId}/messages`, {
          method: "POST",
          json: { text: value, chat_id: chatParam() },
        });
      }
      userActed();
      return true;
    } catch (error) {
      actionFailed(error);
      return false;
    }
  }

  async function sendFromInput() {
    const text = ui.input.value;
    if (!text.trim()) return;
    hideCommands();
    ui.input.value = "";
    autoGrow();
    const sent = await sendText(text);
    if (!sent && !ui.input.value) {
      ui.input.value = text; // keep what was typed when it could not be sent
      autoGrow();
    }
    ui.input.focus();
  }

  async function sendFile(file, kind) {
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name || (kind === "photo" ? "photo.jpg" : "file"));
    const caption = ui.input.value.trim();
    if (caption) form.append("caption", caption);
    if (S.identity.kind === "group") form.append("chat_id", String(S.identity.chatId));
    // A file sent while answering a message is a reply to it (staff answer tickets so).
    const replyTo = S.replyTo;
    if (replyTo) form.append("reply_to_message_id", String(replyTo));
    try {
      await api(`/users/${S.identity.userId}/${kind}`, { method: "POST", form, timeout: 120000 });
      if (replyTo) setReplyTo(null);
      if (caption) {
        ui.input.value = "";
        autoGrow();
      }
      userActed();
    } catch (error) {
      actionFailed(error);
    }
  }

  async function sendContact(phone) {
    try {
      await api(`/users/${S.identity.userId}/contact`, {
        method: "POST",
        json: { phone_number: phone, chat_id: chatParam() },
      });
      if (S.identity.custom) {
        const user = S.customUsers.find((u) => u.id === S.identity.userId);
        if (user) {
          user.phone = phone;
          saveJson("custom-users", S.customUsers);
          S.identity.phone = phone;
          S.identity.sub = customIdentity(user).sub;
          renderWhoMenu();
        }
      }
      userActed();
      return true;
    } catch (error) {
      actionFailed(error);
      return false;
    }
  }

  function setReplyTo(messageId) {
    S.replyTo = messageId;
    ui.replyTo.hidden = messageId === null;
    if (messageId === null) return;
    const target = S.messages.get(messageId);
    ui.replyToQuote.textContent = target ? target.text || mediaSummary(target) : "";
    ui.input.focus();
  }

  // ================================================================ commands menu

  async function loadCommands() {
    try {
      let { commands } = await api("/commands?language_code=ru");
      if (!commands.length) ({ commands } = await api("/commands"));
      S.commands = commands;
    } catch {
      S.commands = [];
    }
    ui.menuButton.hidden = S.commands.length === 0;
    if (!ui.commands.hidden) showCommands(ui.input.value.startsWith("/") ? ui.input.value : "/");
  }

  function showCommands(prefix) {
    const wanted = prefix.slice(1).toLowerCase();
    const matching = S.commands.filter((c) => c.command.startsWith(wanted));
    if (!matching.length) {
      hideCommands();
      return;
    }
    S.commandIndex = prefix.length > 1 ? 0 : -1;
    fill(
      ui.commands,
      ...matching.map((c, index) =>
        h(
          "button",
          {
            type: "button",
            role: "option",
            class: `command${index === S.commandIndex ? " active" : ""}`,
            dataset: { command: c.command },
            onclick: () => chooseCommand(c.command),
          },
          h("span", { class: "command-name", text: `/${c.command}` }),
          h("span", { class: "command-description", text: c.description }),
        ),
      ),
    );
    ui.commands.hidden = false;
  }

  function hideCommands() {
    ui.commands.hidden = true;
    S.commandIndex = -1;
  }

  function chooseCommand(command) {
    hideCommands();
    ui.input.value = "";
    autoGrow();
    sendText(`/${command}`);
    ui.input.focus();
  }

  function moveCommand(step) {
    const items = [...ui.commands.querySelectorAll(".command")];
    if (!items.length) return;
    S.commandIndex = (S.commandIndex + step + items.length) % items.length;
    items.forEach((item, index) => item.classList.toggle("active", index === S.commandIndex));
    items[S.commandIndex].scrollIntoView({ block: "nearest" });
  }

  // ================================================================ toast, alert, dialogs

  function toast(text, { sticky = false, onTap = null } = {}) {
    ui.toast.textContent = text;
    ui.toast.hidden = false;
    ui.toast.classList.toggle("sticky", sticky);
    ui.toast.style.animation = "none";
    void ui.toast.offsetWidth;
    ui.toast.style.animation = "";
    ui.toast.onclick = () => {
      ui.toast.hidden = true;
      if (onTap) onTap();
    };
    clearTimeout(S.toastTimer);
    S.toastTimer = setTimeout(() => {
      ui.toast.hidden = true;
    }, sticky ? 120000 : Math.min(6000, 1800 + text.length * 40));
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      toast("Скопировано");
    } catch {
      toast("Не удалось скопировать: браузер не разрешил");
    }
  }

  let dialogClose = null;

  function openDialog(children, { onClose, focus } = {}) {
    closeDialog();
    fill(ui.dialog, ...children);
    ui.overlay.hidden = false;
    dialogClose = onClose || null;
    const target = focus ? ui.dialog.querySelector(focus) : ui.dialog.querySelector("button, input");
    if (target) target.focus();
  }

  function closeDialog() {
    if (ui.overlay.hidden) return;
    ui.dialog.classList.remove("photo-dialog");
    ui.overlay.hidden = true;
    ui.dialog.replaceChildren();
    const done = dialogClose;
    dialogClose = null;
    if (done) done();
    ui.input.focus();
  }

  function showAlert(text) {
    openDialog(
      [
        h("h2", { id: "dialog-title", text: S.bot ? S.bot.first_name : "Бот" }),
        h("div", { class: "alert-text", text }),
        h(
          "div",
          { class: "dialog-actions" },
          h("button", { type: "button", class: "primary", "data-role": "ok", text: "OK", onclick: closeDialog }),
        ),
      ],
      { focus: "[data-role=ok]" },
    );
  }

  function showPhoto(url, caption) {
    // A chart is read at full size: the dialog widens to the screen for a photo.
    openDialog([
      h("img", { src: url, alt: caption || "Фотография", class: "photo-full" }),
      caption ? h("p", { text: caption, style: "margin-top:8px" }) : null,
      h(
        "div",
        { class: "dialog-actions" },
        h("a", { class: "secondary", href: url, download: "photo", text: "Скачать", style: "text-decoration:none" }),
        h("button", { type: "button", class: "primary", text: "Закрыть", onclick: closeDialog }),
      ),
    ]);
    ui.dialog.classList.add("photo-dialog");
  }

  function openContactPicker() {
    const own = S.identity.phone;
    const phones = S.logins.map((login) => ({
      phone: login.phone,
      sub: [login.label, login.name].filter(Boolean).join(" · "),
      avatar: initials(...String(login.name || "").split(/\s+/).slice(0, 2).reverse()),
    }));
    if (own && !phones.some((p) => p.phone === own)) phones.unshift({ phone: own, sub: "Номер этого пользователя", avatar: S.identity.avatar });
    phones.sort((a, b) => (b.phone === own) - (a.phone === own));
    const error = h("div", { class: "field-error", role: "alert" });
    const input = h("input", {
      type: "tel",
      id: "own-phone",
      placeholder: "+7 916 123-45-67",
      autocomplete: "tel",
      inputmode: "tel",
    });
    const submitOwn = async () => {
      const value = input.value.trim();
      const digits = value.replace(/\D/g, "");
      if (digits.length < 10 || digits.length > 15 || /[^\d+\s()-]/.test(value)) {
        error.textContent = "Введите номер телефона, например +7 916 123-45-67";
        input.focus();
        return;
      }
      closeDialog();
      await sendContact(value);
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        submitOwn();
      }
    });
    openDialog(
      [
        h("h2", { id: "dialog-title", text: "Поделиться номером" }),
        h(
          "p",
          {},
          "Какой номер отправить боту? В Telegram эта кнопка отправляет номер вашего аккаунта — здесь его можно выбрать.",
        ),
        phones.length
          ? h(
              "div",
              { class: "phone-options" },
              ...phones.map((p) =>
                h(
                  "button",
                  {
                    type: "button",
                    class: `phone-option${p.phone === own ? " current" : ""}`,
                    dataset: { phone: p.phone },
                    onclick: async () => {
                      closeDialog();
                      await sendContact(p.phone);
                    },
                  },
                  h("span", { class: "who-avatar", "aria-hidden": "true", text: p.avatar }),
                  h(
                    "span",
                    { class: "phone-option-text" },
                    h("span", { class: "phone-option-number", text: formatPhone(p.phone) }),
                    h("span", { class: "phone-option-sub", text: p.phone === own ? `Ваш номер · ${p.sub}` : p.sub }),
                  ),
                ),
              ),
            )
          : null,
        h(
          "div",
          {},
          h("label", { for: "own-phone", class: "own-label", text: "Мой номер" }),
          h(
            "div",
            { class: "own-number" },
            input,
            h("button", { type: "button", class: "primary", "data-role": "send-own", text: "Отправить", onclick: submitOwn }),
          ),
          error,
        ),
        h(
          "div",
          { class: "dialog-actions" },
          h("button", { type: "button", class: "secondary", text: "Отмена", onclick: closeDialog }),
        ),
      ],
      { focus: phones.length ? ".phone-option" : "#own-phone" },
    );
  }

  // ================================================================ typing…

  const ACTIONS = {
    typing: "печатает",
    upload_photo: "отправляет фото",
    upload_document: "отправляет файл",
    upload_video: "отправляет видео",
    record_video: "записывает видео",
    record_voice: "записывает голосовое",
    upload_voice: "отправляет голосовое",
    choose_sticker: "выбирает стикер",
    find_location: "ищет место",
  };

  function showTyping(action) {
    ui.peerStatus.textContent = ACTIONS[action] || "печатает";
    ui.peerStatus.classList.add("active");
    clearTimeout(S.typingTimer);
    S.typingTimer = setTimeout(stopTyping, 5000); // as long as Telegram shows one action
  }

  function stopTyping() {
    clearTimeout(S.typingTimer);
    ui.peerStatus.classList.remove("active");
    ui.peerStatus.textContent = idleStatus();
  }

  // ================================================================ input and menus

  function autoGrow() {
    ui.input.style.height = "auto";
    ui.input.style.height = `${Math.min(ui.input.scrollHeight, 160)}px`;
    ui.sendButton.disabled = !ui.input.value.trim();
  }

  function closeMenus() {
    ui.whoMenu.hidden = true;
    ui.whoButton.setAttribute("aria-expanded", "false");
    ui.attachMenu.hidden = true;
  }

  function wire() {
    ui.input.addEventListener("input", () => {
      autoGrow();
      const value = ui.input.value;
      if (/^\/[A-Za-z0-9_]*$/.test(value)) showCommands(value);
      else hideCommands();
    });
    ui.input.addEventListener("keydown", (event) => {
      const menuOpen = !ui.commands.hidden;
      if (menuOpen && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        event.preventDefault();
        moveCommand(event.key === "ArrowDown" ? 1 : -1);
        return;
      }
      if (menuOpen && event.key === "Tab") {
        event.preventDefault();
        const active = ui.commands.querySelector(".command.active") || ui.commands.querySelector(".command");
        if (active) {
          ui.input.value = `/${active.dataset.command}`;
          autoGrow();
        }
        return;
      }
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        const active = menuOpen && ui.commands.querySelector(".command.active");
        if (active) chooseCommand(active.dataset.command);
        else sendFromInput();
      }
      if (event.key === "Escape") {
        hideCommands();
        setReplyTo(null);
      }
    });
    ui.sendButton.addEventListener("click", sendFromInput);
    ui.startButton.addEventListener("click", () => sendText("/start"));
    ui.menuButton.addEventListener("click", () => {
      if (ui.commands.hidden) {
        showCommands("/");
        loadCommands();
      } else hideCommands();
    });
    ui.keyboardButton.addEventListener("click", () => {
      S.keyboardHidden = !S.keyboardHidden;
      renderKeyboard();
    });
    ui.replyToCancel.addEventListener("click", () => setReplyTo(null));
    ui.attachButton.addEventListener("click", (event) => {
      event.stopPropagation();
      const open = ui.attachMenu.hidden;
      closeMenus();
      ui.attachMenu.hidden = !open;
    });
    ui.attachMenu.addEventListener("click", (event) => {
      const item = event.target.closest("[data-attach]");
      if (!item) return;
      closeMenus();
      (item.dataset.attach === "photo" ? ui.photoInput : ui.documentInput).click();
    });
    for (const [input, kind] of [
      [ui.photoInput, "photo"],
      [ui.documentInput, "document"],
    ]) {
      input.addEventListener("change", async () => {
        const file = input.files && input.files[0];
        input.value = "";
        await sendFile(file, kind);
      });
    }
    ui.whoButton.addEventListener("click", (event) => {
      event.stopPropagation();
      const open = ui.whoMenu.hidden;
      closeMenus();
      if (open) {
        renderWhoMenu();
        ui.whoMenu.hidden = false;
        ui.whoButton.setAttribute("aria-expanded", "true");
        const checked = ui.whoMenu.querySelector("[aria-checked=true]");
        if (checked) checked.scrollIntoView({ block: "nearest" });
      }
    });
    document.addEventListener("click", (event) => {
      if (!event.target.closest(".menu, #who-button, #attach-button")) closeMenus();
      if (!event.target.closest("#commands, #menu-button, #input")) hideCommands();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      if (!ui.overlay.hidden) closeDialog();
      closeMenus();
    });
    ui.overlay.addEventListener("click", (event) => {
      if (event.target === ui.overlay) closeDialog();
    });
    ui.messages.addEventListener("scroll", updateToBottom, { passive: true });
    ui.toBottom.addEventListener("click", scrollToBottom);
    ui.app.addEventListener("dragover", (event) => {
      if (event.dataTransfer && [...event.dataTransfer.types].includes("Files")) event.preventDefault();
    });
    ui.app.addEventListener("drop", (event) => {
      const file = event.dataTransfer && event.dataTransfer.files[0];
      if (!file) return;
      event.preventDefault();
      sendFile(file, /^image\/(png|jpeg|gif)$/.test(file.type) ? "photo" : "document");
    });
    window.addEventListener("resize", () => {
      if (nearBottom(200)) scrollToBottom();
    });
  }

  // ================================================================ start

  async function boot() {
    wire();
    autoGrow();
    let delay = 1000;
    for (;;) {
      try {
        const [status, demo] = await Promise.all([api("/status"), api("/demo-logins")]);
        S.bot = status.bot;
        S.groups = status.group_chats || [];
        S.logins = (demo.logins || []).filter((login) => login && login.phone);
        break;
      } catch {
        setOffline(true);
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
    setOffline(false);
    renderSideLogins();
    const all = identities();
    const saved = loadJson("identity", null);
    const identity = all.find((i) => i.key === saved) || all[0] || newCustomUser();
    activate(identity);
    scheduleBotCheck(0);
    pollInbox();
  }

  // ================================================================ SMS and e-mail inbox

  // The bot's SMS and e-mails (one-time codes above all) land in the sandbox; show them here,
  // and as a toast when a new one comes, so nobody has to read the bot's terminal.
  async function pollInbox() {
    try {
      const answer = await api(`/inbox?after=${S.inboxAfter}`, { timeout: 8000 });
      const fresh = answer.messages || [];
      if (fresh.length) {
        S.inbox.push(...fresh);
        S.inbox = S.inbox.slice(-30);
        S.inboxAfter = fresh[fresh.length - 1].id;
        if (S.inboxLoaded) {
          const last = fresh[fresh.length - 1];
          const to = last.channel === "sms" ? formatPhone(last.to) : last.to;
          // On a phone the inbox panel is hidden: the SMS stays on screen until it is tapped
          // (which copies its code), not for a few seconds only.
          toast(`${last.channel === "sms" ? "📨 SMS" : "✉️ Письмо"} для ${to}: ${last.text}`, {
            sticky: window.matchMedia("(max-width: 979px)").matches,
            onTap: () => copy((last.text.match(/\b\d{4,8}\b/) || [last.text])[0]),
          });
        }
        renderInbox();
      }
      S.inboxLoaded = true;
    } catch {
      // The status check already shows the "no connection" line.
    }
    setTimeout(pollInbox, 1500);
  }

  function renderInbox() {
    if (!ui.sideInbox) return;
    if (!S.inbox.length) return;
    fill(
      ui.sideInbox,
      ...S.inbox
        .slice()
        .reverse()
        .map((item) =>
          h(
            "div",
            { class: "inbox-card" },
            h("div", {
              class: "inbox-head",
              text: `${item.channel === "sms" ? "📨 SMS" : "✉️ Письмо"} → ${
                item.channel === "sms" ? formatPhone(item.to) : item.to
              }`,
            }),
            item.subject ? h("div", { class: "inbox-subject", text: item.subject }) : null,
            h("div", { class: "inbox-text", title: "Нажмите, чтобы скопировать", text: item.text,
                       onclick: () => copy((item.text.match(/\b\d{6}\b/) || [item.text])[0]) }),
          ),
        ),
    );
  }

  // For the browser test and for anyone poking at the page from the console.
  window.sandboxChat = {
    state: S,
    identities,
    activate: (key) => {
      const identity = identities().find((i) => i.key === key);
      if (identity) activate(identity);
      return Boolean(identity);
    },
  };

  boot();
})();
