start-anon =
    👋 Hello! This is the corporate client cabinet of MegaFon and Yota in Telegram.

    A coordinator checks balances and payments, orders documents, manages employees' numbers, tariffs and services here.

    Log in to start. No access yet? Send an application for remote service.
start-main =
    🏢 <b>{ $company }</b>
    Login: { $login } · { $role }

    Choose a section:
menu-balance = 💰 Balance
menu-accounts = 🧾 Accounts
menu-documents = 📑 Documents
menu-subscribers = 👥 Employees
menu-tariffs = 📶 Tariffs and services
menu-orders = 📋 Orders
menu-tickets = 💬 Support tickets
menu-profile = 👤 Profile
menu-help = ❓ Help
menu-login-megafon = Log in: MegaFon
menu-login-yota = Log in: Yota
menu-apply = 📝 Apply for access
btn-main-menu = ☰ Main menu
btn-back = ◀️ Back
btn-cancel = ✖️ Cancel
btn-yes = ✅ Yes
btn-no = ✖️ No
reply-balance = 💰 Balance
reply-menu = ☰ Menu

role-union_coordinator = coordinator of a union of accounts
role-coordinator = account coordinator
role-assistant = assistant coordinator
role-number_manager = number management
role-viewer = view only

section-not-ready =
    🚧 The “{ $section }” section does not work in the bot yet: we are building it.
    Use the web cabinet for it meanwhile.
need-login = 🔐 This section needs a login. Press /start to log in.
help-text =
    <b>How to use the bot</b>

    /start — start and log in
    /menu — main menu
    /balance — balance of every account
    /cancel — stop the current action
    /language — switch language (русский / English)
    /help — this help

    Buttons under messages lead through the sections. When the bot waits for input, it always says what to type and gives an example.
cancelled = Cancelled. Everything typed was discarded.
nothing-to-cancel = Nothing to cancel.
language-set = Language: English 🇬🇧
cmd-start = Start and log in
cmd-menu = Main menu
cmd-balance = Account balances
cmd-cancel = Cancel the action
cmd-help = Help
cmd-language = Язык / Language

unexpected-text = I didn't understand that. Choose a section with the buttons below or press /menu.
unexpected-media = Files and stickers aren't needed here. Choose a section with the buttons below or press /menu.
stale-button = This button is out of date. Open the section again.
forged-button = This button is not available.
error-generic = ⚠️ Something went wrong. Nothing was lost: try again in a minute. If it repeats, write to support.
error-not-found = Not found. It may have been removed.
error-access-denied = ⛔ You are not allowed to do this.
error-invalid = Invalid input. Try again.
error-rate-limited = Too many attempts. Try later.
error-conflict = This is already done or contradicts the current state.
throttled = Not so fast 🙂 Wait a second.
pager = page { $page }/{ $pages }
email-subject = Corporate client cabinet

## A month calendar (keyboards/widgets.calendar_rows)
cal-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
cal-wd-1 = Mo
cal-wd-2 = Tu
cal-wd-3 = We
cal-wd-4 = Th
cal-wd-5 = Fr
cal-wd-6 = Sa
cal-wd-7 = Su
typed-write-text = ✍️ Please type your answer: a sticker, photo, voice message or file will not do here.
already-done = ✅ This is already done: nothing is repeated.
