"""The sandbox's web chat in headless Chromium, with the real bot running as `make run` runs it.

A person opens the page, talks to the bot, presses buttons, shares a contact, uploads and
downloads files and becomes another user; every step leaves a screenshot under
test-artifacts/webchat/. The figure — from a click on an inline button to the edited message
on screen — is written to test-artifacts/webchat/latency.txt (measured, never asserted).
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    STAFF_CHAT,
    TOKEN,
    Process,
    RunningBot,
    Screenshots,
    free_port,
    png_bytes,
    start_bot_process,
    wait_port,
)

if TYPE_CHECKING:
    from playwright.sync_api import FilePayload, Locator, Page

pytestmark = pytest.mark.browser

FIRST = "+79261110001"  # the first MegaFon demo login: the page starts as this user
VIEWER = "+79261110005"
HELP = "❓ Помощь"
MAIN_MENU = "☰ Главное меню"
GREETING = "Здравствуйте"
HELP_TITLE = "Как пользоваться ботом"
LATENCY_CLICKS = 16

# A tiny real PNG (2×2, grey): the sandbox refuses photos that are not pictures.
PNG = png_bytes(2, 2)

# Telegram's HTML, every tag the bot may use; the page must show it as Telegram does.
FORMATTED = (
    "<b>Жирный</b>, <i>курсив</i>, <u>подчёркнутый</u>, <s>зачёркнутый</s>, "
    '<code>+7 916 123-45-67</code> и <a href="https://example.org/">ссылка</a>.\n'
    "Пароль: <tg-spoiler>Zima-Sever-2026</tg-spoiler>\n"
    "<blockquote>Цитата из договора</blockquote>\n"
    "<pre>Итого   1 234,56 ₽</pre>"
)


def user_id(phone: str) -> int:
    """The Telegram id the page gives a demo login: the last nine digits of its phone."""
    return int("".join(ch for ch in phone if ch.isdigit())[-9:])


def bot_api(page: Page, base: str, method: str, **params: Any) -> Any:
    """Call the Bot API on the sandbox with the bot's token, exactly as the bot would."""
    files = {k: v for k, v in params.items() if isinstance(v, dict) and "buffer" in v}
    url = f"{base}/bot{TOKEN}/{method}"
    if files:
        form = {k: v if k in files else str(v) for k, v in params.items()}
        response = page.request.post(url, multipart=form)
    else:
        response = page.request.post(url, data=params)
    body = response.json()
    assert body["ok"], body
    return body["result"]


def open_fresh(page: Page, url: str) -> None:
    """Open the page as a first-time visitor: it forgets who it was on this address."""
    page.goto(url)
    page.evaluate("localStorage.clear()")
    page.reload()


def bot_rows(page: Page) -> Locator:
    return page.locator(".row[data-from=bot]")


def last_bot_text(page: Page) -> Locator:
    return bot_rows(page).last.locator(".text")


def wait_bot_text(page: Page, text: str) -> Locator:
    """The newest bot message containing ``text``, once it is on screen."""
    row = page.locator(".row[data-from=bot]", has_text=text).last
    row.wait_for()
    return row


# The click is made inside the page and the clock stops once the edited text is in the DOM
# and the frame showing it has been painted (a task queued from requestAnimationFrame runs
# after the paint), so Playwright's own round trips are not counted.
MEASURE_JS = """
async ([messageId, label, expected]) => {
  const row = document.querySelector(`.row[data-message-id="${messageId}"]`);
  const button = [...row.querySelectorAll(".kb-button")].find((b) => b.textContent === label);
  if (!button) throw new Error(`no button ${label}`);
  const shown = () => {
    const text = document.querySelector(`.row[data-message-id="${messageId}"] .text`);
    return Boolean(text && text.textContent.includes(expected));
  };
  const start = performance.now();
  button.click();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no edit to ${expected}`)), 10000);
    const observer = new MutationObserver(() => {
      if (shown()) {
        observer.disconnect();
        clearTimeout(timer);
        resolve();
      }
    });
    observer.observe(document.getElementById("messages"), {
      childList: true, subtree: true, characterData: true,
    });
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}
"""


def measure_edit_latency(page: Page, message_id: str) -> list[float]:
    """Help ↔ main menu on one message, LATENCY_CLICKS times; → milliseconds per click."""
    samples = []
    for i in range(LATENCY_CLICKS):
        label, expected = (HELP, HELP_TITLE) if i % 2 == 0 else (MAIN_MENU, GREETING)
        samples.append(float(page.evaluate(MEASURE_JS, [message_id, label, expected])))
        # A person does not click 5 times a second; the bot's flood guard would drop that.
        page.wait_for_timeout(300)
    return samples


def report_latency(samples: list[float]) -> float:
    median = statistics.median(samples)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "latency.txt").write_text(
        "Web chat: click on an inline button → the edited message on screen\n"
        f"median {median:.1f} ms over {len(samples)} clicks (goal < 300 ms)\n"
        f"min {min(samples):.1f} ms, max {max(samples):.1f} ms\n"
        f"samples, ms: {', '.join(f'{s:.1f}' for s in samples)}\n",
        encoding="utf-8",
    )
    print(f"\nweb chat: inline button → edited message on screen, median {median:.1f} ms")
    return median


def test_a_person_uses_the_bot_in_the_web_chat(page: Page, running_bot: RunningBot) -> None:
    from playwright.sync_api import expect

    shot = Screenshots("journey")
    bot_url = running_bot.url
    # `make run` prints the page's address before anything else.
    assert (
        running_bot.process.output[0]
        == f"Web chat with the bot: {bot_url}/  (open it in a browser)\n"
    )

    # --- the page opens as the first demo user, on an empty chat
    open_fresh(page, bot_url)
    expect(page.locator("#who-name")).to_contain_text(FIRST)
    expect(page.locator("#peer-name")).to_have_text("B2B Cabinet (sandbox)")
    expect(page.locator("#empty")).to_be_visible()
    expect(page.locator("#menu-button")).to_be_visible()  # the bot's setMyCommands menu
    expect(page.locator("#banner")).to_be_hidden()
    shot(page, "open")

    # --- /start, then a main-menu button: the answer replaces the menu in place
    page.locator("#start-button").click()
    expect(page.locator(".row.out .text").first).to_have_text("/start")
    greeting = wait_bot_text(page, GREETING)
    message_id = greeting.get_attribute("data-message-id")
    assert message_id is not None
    shot(page, "start")

    greeting.get_by_role("button", name=HELP).click()
    menu_message = page.locator(f'.row[data-message-id="{message_id}"]')
    expect(menu_message.locator(".text")).to_contain_text(HELP_TITLE)
    expect(menu_message.locator(".text")).to_contain_text("/balance")
    expect(bot_rows(page)).to_have_count(1)  # edited, not a new message
    shot(page, "help")

    menu_message.get_by_role("button", name=MAIN_MENU).click()
    expect(menu_message.locator(".text")).to_contain_text(GREETING)
    expect(menu_message.locator(".meta")).to_contain_text("изменено")
    expect(bot_rows(page)).to_have_count(1)
    shot(page, "edited-back")

    # --- the figure: inline button → edited message on screen
    report_latency(measure_edit_latency(page, message_id))

    # --- the "/" command menu from setMyCommands
    page.locator("#input").fill("/")
    page.locator("#input").dispatch_event("input")
    commands = page.locator("#commands")
    expect(commands).to_be_visible()
    expect(commands.locator("[data-command=help]")).to_contain_text("Справка")
    shot(page, "commands")
    commands.locator("[data-command=help]").click()
    expect(last_bot_text(page)).to_contain_text(HELP_TITLE)
    expect(bot_rows(page)).to_have_count(2)

    chat = user_id(FIRST)
    # --- formatting as Telegram shows it, "typing…", and an alert for a button press
    bot_api(page, bot_url, "sendChatAction", chat_id=chat, action="typing")
    expect(page.locator("#peer-status")).to_contain_text("печатает")
    bot_api(
        page,
        bot_url,
        "sendMessage",
        chat_id=chat,
        text=FORMATTED,
        parse_mode="HTML",
        reply_markup={"inline_keyboard": [[{"text": "Старая кнопка", "callback_data": "gone:1"}]]},
    )
    formatted = wait_bot_text(page, "Жирный")
    text = formatted.locator(".text")
    expect(page.locator("#peer-status")).not_to_contain_text("печатает")
    expect(text.locator("b")).to_have_text("Жирный")
    expect(text.locator("i")).to_have_text("курсив")
    expect(text.locator("u")).to_have_text("подчёркнутый")
    expect(text.locator("s")).to_have_text("зачёркнутый")
    expect(text.locator("code").first).to_have_text("+7 916 123-45-67")
    expect(text.locator('a[href="https://example.org/"]')).to_have_text("ссылка")
    expect(text.locator("blockquote")).to_have_text("Цитата из договора")
    expect(text.locator("pre")).to_contain_text("Итого   1 234,56 ₽")
    spoiler = text.locator(".spoiler")
    expect(spoiler).not_to_have_class("spoiler revealed")
    shot(page, "formatting")
    spoiler.click()
    expect(spoiler).to_have_class("spoiler revealed")

    formatted.get_by_role("button", name="Старая кнопка").click()
    alert = page.locator("#dialog")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Эта кнопка недоступна")  # the bot's show_alert answer
    shot(page, "alert")
    alert.get_by_role("button", name="OK").click()
    expect(page.locator("#overlay")).to_be_hidden()

    # --- a deleted message disappears
    formatted_id = int(formatted.get_attribute("data-message-id") or 0)
    bot_api(page, bot_url, "deleteMessage", chat_id=chat, message_id=formatted_id)
    expect(page.locator(f'.row[data-message-id="{formatted_id}"]')).to_have_count(0)

    # --- a reply keyboard with "share contact": the picker offers the demo logins' phones
    bot_api(
        page,
        bot_url,
        "sendMessage",
        chat_id=chat,
        text="Поделитесь номером телефона",
        reply_markup={
            "keyboard": [
                [{"text": "📱 Поделиться номером", "request_contact": True}],
                [{"text": "✖️ Отмена"}],
            ],
            "resize_keyboard": True,
        },
    )
    keyboard = page.locator("#reply-keyboard")
    expect(keyboard).to_be_visible()
    shot(page, "reply-keyboard")
    keyboard.get_by_role("button", name="📱 Поделиться номером").click()
    picker = page.locator("#dialog")
    expect(picker).to_contain_text("Поделиться номером")
    expect(picker.locator(f'[data-phone="{VIEWER}"]')).to_contain_text("+7 926 111-00-05")
    expect(picker.locator("#own-phone")).to_be_visible()  # "my own number"
    shot(page, "contact-picker")
    picker.locator(f'[data-phone="{FIRST}"]').click()
    expect(page.locator(".row.out .contact").last).to_contain_text("+7 926 111-00-01")
    bot_api(
        page,
        bot_url,
        "sendMessage",
        chat_id=chat,
        text="Клавиатура убрана",
        reply_markup={"remove_keyboard": True},
    )
    wait_bot_text(page, "Клавиатура убрана")
    expect(keyboard).to_be_hidden()
    expect(page.locator("#keyboard-button")).to_be_hidden()

    # --- upload a file and a photo from the computer
    request: FilePayload = {
        "name": "заявка.txt",
        "mimeType": "text/plain",
        "buffer": "Прошу…".encode(),
    }
    page.locator("#document-input").set_input_files(files=[request])
    uploaded = page.locator(".row.out", has=page.locator(".doc-name", has_text="заявка.txt"))
    expect(uploaded.locator(".doc-size")).to_have_text("13 Б")
    wait_bot_text(page, "Файлы и стикеры здесь не нужны")
    picture: FilePayload = {"name": "screen.png", "mimeType": "image/png", "buffer": PNG}
    page.locator("#photo-input").set_input_files(files=[picture])
    my_photo = page.locator(".row.out img.photo").last
    expect(my_photo).to_be_visible()
    shot(page, "uploaded")

    # --- the bot sends a document and a photo: a download link with name and size, a picture
    content = "%PDF-1.4\n% Счёт для теста\n".encode() * 40
    bot_api(
        page,
        bot_url,
        "sendDocument",
        chat_id=chat,
        caption="Счёт на оплату",
        document={"name": "Счёт №42.pdf", "mimeType": "application/pdf", "buffer": content},
    )
    bot_api(
        page,
        bot_url,
        "sendPhoto",
        chat_id=chat,
        photo={"name": "chart.png", "mimeType": "image/png", "buffer": PNG},
    )
    document = page.locator(".row[data-from=bot] a.doc", has_text="Счёт №42.pdf")
    expect(document.locator(".doc-size")).to_have_text(
        f"{len(content) / 1024:.1f} КБ".replace(".", ",")
    )
    bot_photo = page.locator(".row[data-from=bot] img.photo").last
    expect(bot_photo).to_be_visible()
    assert (
        page.evaluate("(img) => img.complete && img.naturalWidth", bot_photo.element_handle()) == 2
    )
    with page.expect_download() as download_info:
        document.click()
    download = download_info.value
    assert download.suggested_filename == "Счёт №42.pdf"
    assert Path(download.path()).read_bytes() == content
    shot(page, "download")

    # --- another Telegram user: the view-only employee has a chat of its own
    page.locator("#who-button").click()
    menu = page.locator("#who-menu")
    expect(menu).to_be_visible()
    expect(menu).to_contain_text(f"({VIEWER})")
    expect(menu).to_contain_text("Новый пользователь")
    expect(menu).to_contain_text("Чат сотрудников")
    shot(page, "who-menu")
    menu.locator(f'[data-key="u:{user_id(VIEWER)}"]').click()
    expect(page.locator("#who-name")).to_contain_text(VIEWER)
    expect(page.locator("#empty")).to_be_visible()
    page.locator("#input").fill("/start")
    page.locator("#input").press("Enter")
    wait_bot_text(page, GREETING)
    expect(bot_rows(page)).to_have_count(1)
    shot(page, "other-user")

    # --- back to the first user: the history is where it was
    page.locator("#who-button").click()
    page.locator(f'#who-menu [data-key="u:{chat}"]').click()
    expect(page.locator("#who-name")).to_contain_text(FIRST)
    expect(page.locator(".doc-name", has_text="Счёт №42.pdf")).to_be_visible()

    # --- the staff group chat, as a staff member
    page.locator("#who-button").click()
    page.locator(f'#who-menu [data-key="g:{STAFF_CHAT}"]').click()
    expect(page.locator("#peer-name")).to_have_text("Чат сотрудников")
    bot_api(
        page, bot_url, "sendMessage", chat_id=STAFF_CHAT, text="📝 Новая заявка на обслуживание"
    )
    staff_row = page.locator(".row[data-from=bot]", has_text="Новая заявка").last
    expect(staff_row.locator(".sender")).to_have_text("B2B Cabinet (sandbox)")
    staff_row.hover()
    staff_row.locator(".reply-action").click()  # staff answer by replying, as in Telegram
    expect(page.locator("#reply-to")).to_contain_text("Новая заявка на обслуживание")
    page.locator("#input").fill("Беру в работу")
    page.locator("#input").press("Enter")
    answer = page.locator(".row.out", has_text="Беру в работу")
    expect(answer.locator(".quote")).to_contain_text("Новая заявка на обслуживание")
    expect(page.locator("#reply-to")).to_be_hidden()
    shot(page, "staff-chat")

    # --- and the same page on a desktop screen
    page.locator("#who-button").click()
    page.locator(f'#who-menu [data-key="u:{chat}"]').click()
    expect(page.locator(".doc-name", has_text="Счёт №42.pdf")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 820})
    expect(page.locator("#side")).to_be_visible()
    expect(page.locator("#side-logins")).to_contain_text("Demo-2026!union")
    shot(page, "desktop")


def test_log_in_by_sharing_a_demo_number(page: Page, running_bot: RunningBot) -> None:
    """The login the picker is for: "share my number" offers the demo logins' phones."""
    from playwright.sync_api import expect

    shot = Screenshots("login")
    coordinator = "+79261110002"
    open_fresh(page, running_bot.url)
    page.locator("#who-button").click()
    page.locator(f'#who-menu [data-key="u:{user_id(coordinator)}"]').click()
    expect(page.locator("#who-name")).to_contain_text(coordinator)
    page.locator("#start-button").click()
    wait_bot_text(page, GREETING).get_by_role("button", name="Войти: МегаФон").click()
    keyboard = page.locator("#reply-keyboard")
    keyboard.get_by_role("button", name="🔑 Войти по паролю").click()
    wait_bot_text(page, "Вход по паролю")
    keyboard.get_by_role("button", name="📱 Поделиться номером").click()
    picker = page.locator("#dialog")
    expect(picker.locator(".phone-option.current")).to_have_attribute("data-phone", coordinator)
    picker.locator(".phone-option.current").click()
    wait_bot_text(page, "Введите пароль")
    page.locator("#input").fill("Demo-2026!coord")
    page.locator("#input").press("Enter")
    welcome = wait_bot_text(page, "Вы вошли")
    expect(welcome).to_contain_text("координатор лицевого счёта")
    # The bot deletes the password from the chat; the page drops it too.
    expect(page.locator(".row.out", has_text="Demo-2026!coord")).to_have_count(0)
    menu = wait_bot_text(page, "Выберите раздел")
    expect(menu.get_by_role("button", name="💰 Баланс")).to_be_visible()
    expect(keyboard.get_by_role("button", name="☰ Меню")).to_be_visible()
    shot(page, "logged-in")


def test_log_in_with_the_sms_code_shown_on_the_page(page: Page, running_bot: RunningBot) -> None:
    """A code login in the browser alone: the bot's SMS appears on the page, not only in the
    terminal, and the code typed from it opens the cabinet."""
    import re

    from playwright.sync_api import expect

    shot = Screenshots("sms-login")
    # The assistant's Telegram user: no other test of this module writes in its chat.
    assistant = "+79261110003"
    open_fresh(page, running_bot.url)
    page.locator("#who-button").click()
    page.locator(f'#who-menu [data-key="u:{user_id(assistant)}"]').click()
    page.locator("#start-button").click()
    wait_bot_text(page, GREETING).get_by_role("button", name="Войти: МегаФон").click()
    page.locator("#reply-keyboard").get_by_role("button", name="📱 Поделиться номером").click()
    page.locator("#dialog .phone-option.current").click()
    wait_bot_text(page, "код")
    sms = page.locator("#side-inbox .inbox-card", has_text="+7 926 111-00-03").first
    sms.wait_for(state="attached")
    expect(page.locator("#toast")).to_contain_text("SMS")
    shot(page, "sms-arrived")
    found = re.search(r"\b(\d{6})\b", sms.text_content() or "")
    assert found, "the SMS on the page holds no code"
    page.locator("#input").fill(found.group(1))
    page.locator("#input").press("Enter")
    expect(wait_bot_text(page, "Выберите раздел")).to_contain_text("помощник координатора")
    shot(page, "logged-in")


def test_the_page_says_when_the_sandbox_or_the_bot_is_not_running(
    page: Page, tmp_path: Path
) -> None:
    """Only the sandbox (`python -m bot sandbox`), no bot: the page says the bot is not there;
    then the sandbox stops too: the page says it has no connection, and recovers."""
    from playwright.sync_api import expect

    shot = Screenshots("errors")
    port = free_port()

    def sandbox_only() -> Process:
        process = start_bot_process(tmp_path, "sandbox", port=port)
        process.wait_for("Sandbox at", 60)
        wait_port(port)
        return process

    process = sandbox_only()
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        banner = page.locator("#banner")
        expect(banner).to_contain_text("Бот не подключён к песочнице")
        page.locator("#input").fill("Есть кто?")
        page.locator("#send-button").click()
        expect(page.locator(".row.out .text")).to_have_text("Есть кто?")
        expect(banner).to_contain_text("Бот не отвечает — запущен ли он?")
        shot(page, "bot-not-answering")

        process.stop()
        expect(banner).to_contain_text("Нет связи с песочницей")
        shot(page, "no-sandbox")

        process = sandbox_only()  # a fresh sandbox: the page reconnects and shows its chat
        expect(banner).not_to_contain_text("Нет связи", timeout=15_000)
        expect(page.locator(".row")).to_have_count(0)
        expect(page.locator("#empty")).to_be_visible()
    finally:
        process.stop()


def test_callback_toast_and_expandable_quote(page: Page, tmp_path: Path) -> None:
    """Only the sandbox; the test plays the bot through the Bot API: a callback answer
    without show_alert is a toast, and a long quote opens with a click."""
    from playwright.sync_api import expect

    shot = Screenshots("toast")
    port = free_port()
    process = start_bot_process(tmp_path, "sandbox", port=port)
    base = f"http://127.0.0.1:{port}"
    chat = user_id(FIRST)
    try:
        process.wait_for("Sandbox at", 60)
        wait_port(port)
        page.goto(base)
        page.locator("#input").fill("Привет")
        page.locator("#input").press("Enter")
        expect(page.locator(".row.out .text")).to_have_text("Привет")
        quote = "\n".join(f"Строка {n} длинной цитаты" for n in range(1, 8))
        bot_api(
            page,
            base,
            "sendMessage",
            chat_id=chat,
            text=f"Условия:\n<blockquote expandable>{quote}</blockquote>",
            parse_mode="HTML",
            reply_markup={"inline_keyboard": [[{"text": "Принять", "callback_data": "ok"}]]},
        )
        message = wait_bot_text(page, "Условия")
        blockquote = message.locator("blockquote.expandable")
        collapsed = blockquote.bounding_box()
        blockquote.click()
        expect(blockquote).to_have_class("expandable open")
        opened = blockquote.bounding_box()
        assert collapsed and opened and opened["height"] > collapsed["height"] * 1.5

        message.get_by_role("button", name="Принять").click()
        expect(message.locator(".kb-button.loading")).to_have_count(1)  # waiting for the bot
        updates = bot_api(page, base, "getUpdates", timeout=0)
        query = next(u["callback_query"] for u in updates if "callback_query" in u)
        assert query["data"] == "ok"
        bot_api(page, base, "answerCallbackQuery", callback_query_id=query["id"], text="Принято ✅")
        expect(page.locator("#toast")).to_have_text("Принято ✅")
        expect(message.locator(".kb-button.loading")).to_have_count(0)
        shot(page, "toast")
    finally:
        process.stop()


def test_the_page_fetches_nothing_from_the_internet(page: Page, tmp_path: Path) -> None:
    """Everything the page needs comes from the sandbox itself."""
    from playwright.sync_api import expect

    port = free_port()
    process = start_bot_process(tmp_path, "sandbox", port=port)
    requested: list[str] = []
    try:
        process.wait_for("Sandbox at", 60)
        wait_port(port)
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"http://127.0.0.1:{port}/")
        # `python -m bot sandbox` hands the demo logins to the page too.
        expect(page.locator("#who-name")).to_contain_text(FIRST)
        page.wait_for_timeout(1000)
    finally:
        process.stop()
    origin = f"http://127.0.0.1:{port}/"
    assert any(url == f"{origin}sandbox/web/app.js" for url in requested), requested
    foreign = [url for url in requested if not url.startswith((origin, "data:"))]
    assert not foreign, f"the page fetched from elsewhere: {foreign}"


def test_on_a_phone_the_chat_keeps_moscow_time_whole_file_names_and_readable_codes(
    page: Page, tmp_path: Path
) -> None:
    """Only the sandbox, the test playing the bot; the browser is set to New York."""
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from playwright.sync_api import expect

    shot = Screenshots("phone-details")
    port = free_port()
    process = start_bot_process(tmp_path, "sandbox", port=port)
    base = f"http://127.0.0.1:{port}"
    chat = user_id(FIRST)
    try:
        process.wait_for("Sandbox at", 60)
        wait_port(port)
        # The context is in Moscow; this page acts as a browser in New York: every date format
        # that names no zone of its own gets New York's.
        page.add_init_script(
            """(() => {
              const Original = Intl.DateTimeFormat;
              const NewYork = function (locale, options) {
                return new Original(locale, { timeZone: "America/New_York", ...(options || {}) });
              };
              NewYork.prototype = Original.prototype;
              NewYork.supportedLocalesOf = Original.supportedLocalesOf;
              Intl.DateTimeFormat = NewYork;
            })();"""
        )
        page.goto(base)
        # The user menu (no group chats here) shows no stray "null".
        page.locator("#who-button").click()
        expect(page.locator("#who-menu")).to_contain_text("Другие пользователи Telegram")
        assert "null" not in page.locator("#who-menu").inner_text()
        page.keyboard.press("Escape")
        # A text over Telegram's limit: a Russian toast, nothing sent.
        page.locator("#input").fill("я" * 4097)
        page.locator("#input").press("Enter")
        expect(page.locator("#toast")).to_contain_text("длиннее 4096 символов")
        expect(page.locator(".row.out")).to_have_count(0)
        # Times in Moscow, whatever the browser's zone; the moment is the sandbox's clock (the
        # bot's, pinned by the tests), read from a message sent right after.
        page.locator("#input").fill("Привет")
        page.locator("#input").press("Enter")
        shown = page.locator(".row.out .meta").last.text_content() or ""
        stamp = bot_api(page, base, "sendMessage", chat_id=chat, text="время")["date"]
        now = datetime.fromtimestamp(stamp, UTC)
        moscow = {
            (now + timedelta(minutes=d)).astimezone(ZoneInfo("Europe/Moscow")) for d in (-1, 0)
        }
        assert any(m.strftime("%H:%M") in shown for m in moscow), shown
        # Two exports of one name: the extension that tells them apart is never cut.
        for ext in ("xlsx", "csv"):
            name = f"platezhi_i_spisaniya_300115473001_2026-01-01_2026-06-30.{ext}"
            document = {"name": name, "mimeType": "application/octet-stream", "buffer": b"x" * 10}
            bot_api(page, base, "sendDocument", chat_id=chat, document=document)
        exts = page.locator(".doc-ext")
        expect(exts).to_have_count(2)
        assert [exts.nth(i).text_content() for i in range(2)] == [".xlsx", ".csv"]
        assert all(exts.nth(i).is_visible() for i in range(2))
        # A chart opens larger than it is shown in the chat.
        bot_api(
            page,
            base,
            "sendPhoto",
            chat_id=chat,
            photo={"name": "chart.png", "mimeType": "image/png", "buffer": png_bytes(800, 500)},
        )
        small = page.locator(".row img.photo").last
        expect(small).to_be_visible()
        small.click()
        big = page.locator("#dialog img.photo-full")
        expect(big).to_be_visible()
        small_box, big_box = small.bounding_box(), big.bounding_box()
        assert small_box and big_box and big_box["width"] > small_box["width"] * 1.05
        page.locator("#dialog").get_by_role("button", name="Закрыть").click()
        # An SMS on a phone (no inbox panel): it stays on screen until tapped.
        page.request.post(
            f"{base}/sandbox/api/inbox",
            data={"channel": "sms", "to": FIRST, "text": "Код для входа: 482915"},
        )
        toast = page.locator("#toast.sticky")
        expect(toast).to_contain_text("482915", timeout=15_000)
        page.wait_for_timeout(6500)  # longer than any ordinary toast
        expect(toast).to_be_visible()
        shot(page, "sms-toast")
        toast.click()
        expect(page.locator("#toast")).to_be_hidden()
    finally:
        process.stop()
