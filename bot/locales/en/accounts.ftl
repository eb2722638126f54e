## Accounts and money: balance, account card, payments, exports, statistics,
## prepayment invoice, cashback, document delivery, low-balance alert

acc-brand-megafon = MegaFon
acc-brand-yota = Yota
acc-type-postpaid = postpaid
acc-type-prepaid = prepaid
acc-accounts-count = { $n ->
    [one] { $n } account
   *[other] { $n } accounts
}

## Quick balance

acc-balance-title = 💰 <b>Account balances</b> · { acc-accounts-count }
acc-balance-below = ⚠️ Below the threshold: { $n }
acc-balance-row = <b>{ $number }</b> · { $brand }
    { $balance }
acc-balance-row-below = <b>{ $number }</b> · { $brand }
    ⚠️ { $balance } — below the threshold of { $threshold }
acc-balance-credit = credit limit { $limit }
acc-balance-none = You have no accounts to show.
acc-btn-accounts = 🧾 Accounts

## Accounts list and card

acc-list-title = 🧾 <b>Accounts</b> · { acc-accounts-count }
    Pick an account to open its card.
acc-list-item = { $number } · { $brand } · { $balance }
acc-list-item-below = ⚠️ { $number } · { $brand } · { $balance }
acc-btn-payments-many = 💳 Payments
acc-btn-stats-all = 📊 Statistics
acc-btn-cashback = 🎁 Cashback

acc-card-title = 🧾 <b>Account { $number }</b> · { $brand }, { $type }
acc-card-company = 🏢 { $company }
acc-card-manager = 👤 Personal manager: { $name }
acc-card-manager-contacts = { $contacts }
acc-card-no-manager = 👤 Personal manager: not assigned
acc-card-balance = 💰 Current balance: <b>{ $balance }</b>
acc-card-below = ⚠️ Below the threshold of { $threshold }
acc-card-prev = Balance of the previous period: { $balance }
acc-card-credit = Credit limit: { $limit }
acc-card-charges-title = <b>Charges for { $period }</b>
acc-card-charge-row = • { $category }: { $amount }
acc-card-charges-total = Total: <b>{ $amount }</b>
acc-card-no-charges = No charges in this period yet.
acc-card-subscribers = { $n ->
    [one] 📱 { $n } number on the account
   *[other] 📱 { $n } numbers on the account
}
acc-btn-payments = 💳 Payments
acc-btn-stats = 📊 Statistics
acc-btn-documents = 📑 Documents
acc-btn-prepay = 🧾 Prepayment invoice
acc-btn-card-cashback = 🎁 Cashback: { $amount }
acc-btn-card-delivery = 📬 Document delivery: { $method }
acc-btn-card-alert = 🔔 Balance threshold: { $threshold }
acc-btn-card-alert-off = 🔕 Balance threshold: off
acc-btn-to-accounts = 🧾 All accounts

acc-cat-calls = Calls
acc-cat-sms = SMS
acc-cat-internet = Internet
acc-cat-roaming = Roaming
acc-cat-subscription = Subscription fees
acc-cat-services = Services

acc-month-1 = January
acc-month-2 = February
acc-month-3 = March
acc-month-4 = April
acc-month-5 = May
acc-month-6 = June
acc-month-7 = July
acc-month-8 = August
acc-month-9 = September
acc-month-10 = October
acc-month-11 = November
acc-month-12 = December

## Payments

acc-select-title = 💳 <b>Payments and charges</b>
    Tick the accounts to show. With none ticked, I show all of them ({ $total }).
acc-btn-select-all = Check all
acc-btn-select-none = Uncheck all
acc-btn-show-selected = ▶️ Show ({ $n })
acc-btn-show-all = ▶️ Show all

acc-pay-title = 💳 <b>Payments and charges</b>
acc-pay-accounts-all = Accounts: all ({ $n })
acc-pay-accounts = Accounts: { $numbers }
acc-pay-accounts-many = Accounts: { $numbers } and { $more } more
acc-pay-period = Period: { $period }
acc-pay-period-all = Period: all time
acc-pay-types = Operations: { $types }
acc-pay-types-all = Operations: all
acc-pay-amount = Amount: { $amount }
acc-pay-atype = Account type: { $type }
acc-pay-summary = { $n ->
    [one] { $n } operation found
   *[other] { $n } operations found
}
acc-pay-totals = Received: <b>{ $income }</b> · Charged: <b>{ $expense }</b>
acc-pay-empty = No operations match these filters. Change them or press “Reset filters”.
acc-pay-row = { $date } · { $number }{ $who }
    { $type } · <b>{ $amount }</b>{ $doc }
acc-pay-who = { " " }· { $msisdn }
acc-pay-doc = { " " }· No. { $doc }

acc-op-bank_transfer = Payment: bank transfer
acc-op-card = Payment: card
acc-op-cashback = Payment: cashback
acc-op-adjustment = Adjustment
acc-op-charge = Charge
acc-op-charge-cat = Charge: { $category }

acc-btn-period = 📅 Period
acc-btn-types = 🏷 Operations
acc-btn-amount = 💰 Amount
acc-btn-atype = 🧾 Account type
acc-btn-export = 📤 Export
acc-btn-reset = ♻️ Reset filters
acc-btn-done = ✅ Done
acc-btn-any-amount = Any amount

acc-quick-month = This month
acc-quick-last_month = Last month
acc-quick-quarter = Quarter
acc-quick-year = Year
acc-quick-all = All time

acc-period-ask =
    📅 <b>Period</b>
    Pick one or type two dates with a dash (one date for one day), e.g. <code>{ $example }</code>.
acc-types-ask = 🏷 <b>Which operations to show?</b>
    None ticked shows all.
acc-atype-ask = 🧾 <b>Account type</b>
acc-atype-any = Any
acc-amount-ask =
    💰 <b>Operation amount</b>
    Type a range in roubles. For example:
    <code>1000-5000</code> — 1,000 to 5,000 ₽
    <code>&gt;10000</code> — over 10,000 ₽
    <code>&lt;500</code> — under 500 ₽
acc-amount-between = { $low } to { $high }
acc-amount-from = from { $low }
acc-amount-above = over { $low }
acc-amount-to = up to { $high }
acc-amount-below = under { $high }
acc-amount-exact = exactly { $low }

acc-err-period-format =
    I could not read the period “{ $value }”. Type two dates with a dash, or one date, e.g. <code>{ $example }</code>.
acc-err-period-date =
    The period “{ $value }” has a date that does not exist. Check the day and month, e.g. <code>{ $example }</code>.
acc-err-period-order =
    In “{ $value }” the start is after the end. First date first, e.g. <code>{ $example }</code>.
acc-err-amount-format =
    I could not read the amount “{ $value }”. Examples: <code>1000-5000</code>, <code>&gt;10000</code>, <code>&lt;500</code>.
acc-err-amount-order =
    In “{ $value }” the first amount is bigger than the second. For example: <code>1000-5000</code>.
acc-err-amount =
    I could not read the amount “{ $value }”. Type a number in roubles, e.g. <code>15000</code> or <code>15000.50</code>.
acc-err-text-only = Text is needed here. { $question }

## Export

acc-export-ask = 📤 <b>Export</b>: { $n ->
    [one] { $n } operation
   *[other] { $n } operations
    } with the current filters. Pick a file format.
acc-export-progress = ⏳ Preparing the { $format } file… { $percent } %
acc-export-done = ✅ The { $format } file is ready: { $n ->
    [one] { $n } row
   *[other] { $n } rows
    }.
acc-export-caption = 📤 Payments and charges: { $n ->
    [one] { $n } operation
   *[other] { $n } operations
    }
    Received: { $income } · Charged: { $expense }
acc-export-failed = ⚠️ The file could not be prepared. Please try again in a minute.
acc-export-empty = No operations match the filters, the file would be empty. Change the filters.
acc-export-busy = ⏳ The previous file is still being prepared. Please wait for it.

# The column headings of the exported files (xlsx, csv, txt).
acc-export-col-when = Date and time (MSK)
acc-export-col-account = Account
acc-export-col-operation = Operation
acc-export-col-amount = Amount, RUB
acc-export-col-document = Document number
acc-export-col-description = Description

## Statistics

acc-stats-view-cat = Categories
acc-stats-view-acc = Accounts
acc-stats-view-num = Numbers
acc-btn-own-period = ✍️ Own period
acc-stats-caption-title = 📊 <b>Spending for { $period }</b>
acc-stats-total = Total: <b>{ $amount }</b>
acc-stats-top-category = Most spent on: { $category } — { $amount } ({ $share } %)
acc-stats-top-account = Most expensive account: { $number } — { $amount } ({ $share } %)
acc-stats-top-number = Most expensive number: { $number }{ $name } — { $amount }
acc-stats-numbers = { $n ->
    [one] Charges on { $n } number
   *[other] Charges on { $n } numbers
    }, { $avg } per number on average
acc-stats-empty = No charges in this period.
acc-stats-period-ask =
    📅 Type the period for the statistics with a dash, e.g. <code>{ $example }</code>.

## Prepayment invoice

acc-prepay-ask =
    🧾 <b>Prepayment invoice</b> for account { $number }
    Type the amount in roubles (VAT included). For example: <code>15000</code> or <code>15000.50</code>
acc-prepay-done = ✅ Prepayment invoice No. { $doc } for { $amount }, VAT { $vat_percent } % included — { $vat }.
acc-prepay-caption = 🧾 Prepayment invoice No. { $doc } · { $amount }
acc-err-prepay-range = An invoice is for { $min } to { $max }. Type another amount, e.g. <code>15000</code>.

## Cashback

acc-cashback-overview-title = 🎁 <b>Cashback by account</b>
    Accumulated in all: <b>{ $total }</b>
acc-cashback-overview-row = { $number } · { $amount }
acc-cashback-title = 🎁 <b>Cashback of account { $number }</b>
    Accumulated: <b>{ $amount }</b>
acc-cashback-history = <b>History</b>
acc-cashback-accrual = { $date } · earned +{ $amount }
acc-cashback-spend = { $date } · spent on the balance −{ $amount }
acc-cashback-no-history = No cashback operations yet.
acc-btn-cashback-spend = 💸 Spend on the account's balance
acc-cashback-ask =
    How many roubles of cashback to put on the balance of account { $number }? Available: { $amount }.
    Type an amount, e.g. <code>500</code>, or “all”.
acc-cashback-confirm = Put <b>{ $amount }</b> of cashback on the balance of account { $number }?
acc-btn-confirm = ✅ Confirm
acc-cashback-done = ✅ { $amount } added. Balance of account { $number }: { $balance }. Cashback left: { $left }.
acc-cashback-cancelled = Cashback spending cancelled.
acc-err-cashback-amount = The amount must be above zero. For example: <code>500</code>.
acc-err-cashback-not-enough = There is not that much cashback: { $available } available. Type a smaller amount.
acc-err-cashback-more = There is not that much cashback: { $available } available. Type a smaller amount, e.g. <code>500</code>.
acc-err-cashback-none = This account has no cashback.

## Document delivery

acc-delivery-title =
    📬 <b>Document delivery</b> for account { $number }
    Now: <b>{ $method }</b>
acc-delivery-email-to = E-mails go to { $email }.
acc-delivery-email-missing = The company has no e-mail set: documents will come only in this chat. Set an e-mail in the profile.
acc-delivery-edo-note = Documents come through the EDO operator, signed electronically.
acc-delivery-email = E-mail
acc-delivery-edo = EDO
acc-delivery-saved = ✅ Delivery method saved: { $method }.

## Balance threshold

acc-alert-title =
    🔔 <b>Low-balance alert</b> for account { $number }
    Balance: { $balance }
acc-alert-on = Threshold: <b>{ $threshold }</b>. When the balance falls below it, coordinators get a notification — once, and again only after a top-up.
acc-alert-off-state = The alert is off.
acc-btn-alert-set = ✍️ Set the threshold
acc-btn-alert-off = 🔕 Switch off
acc-alert-ask =
    🔔 <b>Balance threshold</b> for account { $number }
    Type an amount in roubles, e.g. <code>5000</code>. When the balance falls below it, the coordinators are notified.
acc-alert-saved = ✅ Threshold saved: { $threshold }.
acc-alert-disabled = 🔕 The low-balance alert is off.
acc-err-threshold-range = The threshold must be above zero and at most { $max }. For example: <code>5000</code>.
acc-alert-low-balance =
    ⚠️ <b>Low balance</b>
    Account { $account }: { $balance } — below the threshold of { $threshold }.
    Top it up to keep the service running: /balance
acc-ask-prepay-short = Type the invoice amount in roubles, e.g. <code>15000</code>.
acc-ask-cashback-short = Type the cashback amount in roubles, e.g. <code>500</code>, or “all”.
acc-ask-period-short = Type the period, e.g. <code>{ $example }</code>.
acc-ask-amount-short = Type the amount, e.g. <code>1000-5000</code>, <code>&gt;10000</code> or <code>&lt;500</code>.
acc-ask-threshold-short = Type the threshold in roubles, e.g. <code>5000</code>.

## The spending chart (an image: plain text, no HTML)
acc-chart-title-cat = Spending by category, { $first } – { $last }
acc-chart-title-acc = Spending by account, { $first } – { $last }
acc-chart-title-num = Spending by number: top 10, { $first } – { $last }
acc-chart-rest-accounts = Other accounts ({ $n })
acc-chart-rest-numbers = Other numbers ({ $n })
acc-chart-no-number = Account charges
acc-chart-total = Total: { $amount } ₽
acc-chart-empty = No charges in the period

## Texts written into rows (the database keeps the Russian ones)
acc-row-cashback-to-balance = Credited to the balance of account { $number }
acc-row-cashback-payment = Paid with cashback
