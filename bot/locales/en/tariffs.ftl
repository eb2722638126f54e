## Tariffs and services: catalogue, cards, changing a tariff or a service for many numbers

cat-home = 📶 <b>Tariffs and services</b>
    Change the tariff or switch a service for many numbers at once: pick a tariff or a service, then the numbers, the date and the notification. Each change is an order in «📋 Orders and requests».
cat-home-own = 📶 <b>Tariffs and services</b>
    Switch a service on or off for your own number: pick a service, then the date. The tariff is changed by the coordinator. Each change is an order in «📋 Orders and requests».
cat-btn-tariffs = 📶 Tariffs
cat-btn-services = 🧩 Services and options
cat-btn-home = 📶 Tariffs and services
cat-tariffs-title = 📶 <b>Tariffs</b> · { $n }
    Pick a tariff to open its card. Prices are the monthly fee.
cat-tariffs-none = There are no tariffs for your accounts now.
cat-services-title = 🧩 <b>Services and options</b> · { $n }
    Pick a service to open its card. Prices are per month.
cat-services-none = There are no services for your accounts now.
# $brand: "Yota · " when the company has accounts of both brands, else empty.
cat-item = { $name } · { $brand }{ $fee }
cat-brand = { $brand ->
    [megafon] MegaFon
    [yota] Yota
   *[other] { $brand }
}
cat-for-whom = { $type ->
    [postpaid] postpaid accounts only
    [prepaid] prepaid accounts only
   *[any] every { cat-brand } account
}
cat-tariff-card = 📶 <b>{ $name }</b> · { cat-brand }
    💳 Monthly fee: { $fee }
    📦 Included: { $description }
    👥 For: { cat-for-whom }
    📱 Your numbers on it: { $on }
cat-service-card = 🧩 <b>{ $name }</b> · { cat-brand }
    💳 Price: { $fee } a month
    ℹ️ { $description }
    📱 On for your numbers: { $on }
cat-service-incompatible = ⛔ Incompatible with the tariffs: { $tariffs }. It cannot be switched on for numbers on them, nor can such a number move to them while it is on.
cat-service-compatible = ✅ Compatible with every { cat-brand } tariff.
cat-tariff-gone = This tariff is no longer offered.
cat-service-gone = This service is no longer offered.
cat-btn-change-tariff = 🔁 Move to this tariff
cat-btn-service-on = ➕ Switch on
cat-btn-service-off = ➖ Switch off

## The change dialog

cat-what = { $kind ->
    [change_tariff] Tariff change to "{ $name }"
    [service_on] Switching on "{ $name }"
   *[service_off] Switching off "{ $name }"
}
cat-pick = <b>{ cat-what }</b>
    For which numbers? Tick numbers in the list, or pick a group, a label, an account or all numbers.
cat-mode-list = ☑️ Tick in the list
cat-mode-group = 👥 Group of employees
cat-mode-label = 🏷 Label
cat-mode-account = 🧾 All numbers of an account
cat-mode-all = 📱 All numbers ({ $n })
cat-numbers = <b>{ cat-what }</b>
    Tick the numbers ({ $total } in all). Ticked: { $ticked }.
cat-btn-search = 🔎 Search
cat-btn-all-numbers = 📋 Whole list
cat-search-ask = 🔎 Type part of a number, a name, a label or a group, e.g. <code>916 123</code>, <code>Ivanov</code> or <code>VIP</code>. Ticked numbers stay ticked.
cat-search-too-long = The search is too long: { $max } { $max ->
    [one] character
   *[other] characters
} at most.
cat-search-text-only = Text, please.
cat-numbers-found = 🔎 “{ $query }”: { $total ->
    [0] nothing found — try another way or open the whole list.
    [one] { $total } number found.
   *[other] { $total } numbers found.
}
    Ticked: { $ticked }.
cat-number = { $msisdn } · { $name }
cat-btn-picked = ✅ Done: { orders-numbers }
cat-buckets-group = <b>{ cat-what }</b>
    Pick a group: all its numbers go into the order.
cat-buckets-label = <b>{ cat-what }</b>
    Pick a label: all numbers with it go into the order.
cat-buckets-account = <b>{ cat-what }</b>
    Pick an account: all its numbers go into the order.
cat-buckets-none = Nothing here yet: pick the numbers another way.
cat-bucket = { $name } · { orders-numbers }
cat-avail = <b>{ cat-what }</b>
    Picked: { orders-numbers }.
cat-avail-ok = ✅ Possible for { orders-numbers-gen }.
cat-avail-none = ⛔ This change is not available for any of the picked numbers. Pick other numbers.
cat-avail-refused = ⚠️ { $n ->
    [one] { $n } number does not fit and stays out of the order:
   *[other] { $n } numbers do not fit and stay out of the order:
}
cat-avail-refusal = { $msisdn } — { $reason }
cat-avail-more = … and { orders-numbers } more
cat-btn-next = Next ▶️
cat-date = <b>{ cat-what }</b>
    From which date? Pick a button or type the date as DD.MM.YYYY, e.g. { $example }.
cat-date-off = <b>{ cat-what }</b>
    From which date should it be off (the end date)? Pick a button or type the date as DD.MM.YYYY, e.g. { $example }.
cat-btn-today = Today, { $date }
cat-btn-next-month = From the 1st of next month, { $date }
cat-btn-calendar = 📅 Another date — calendar
cat-calendar = <b>{ cat-what }</b>
    📅 Pick a day in the calendar (the arrows change the month) or type a date, e.g. <code>{ $example }</code>.
cat-btn-day = { $weekday ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
} { $date }
cat-date-past = This date has passed: a change can take effect today or later.
cat-date-far = An order can be scheduled at most a year ahead.
cat-date-again = { $error }
    Example: { $example }.
cat-notify = <b>{ cat-what }</b>
    Notify the subscribers of the change?
cat-btn-notify-none = 🔕 Do not notify
cat-btn-notify-sms = 💬 By SMS
cat-btn-notify-email = 📧 By e-mail
cat-notify-value = { $channel ->
    [sms] by SMS
    [email] by e-mail (where known)
   *[none] no
}
cat-summary = 📝 <b>Check the order</b>
    { cat-what }
    📱 Numbers: { $n }{ $refused ->
        [0] {""}
       *[other] {" "}(left out: { $refused })
    }
    🗓 Takes effect: { $date }
    🔔 Notify the subscribers: { cat-notify-value }
    💳 The monthly fee changes by { $delta }
cat-summary-without-email = ✉️ { $n ->
    [one] { $n } number has no e-mail: it will not be notified
   *[other] { $n } numbers have no e-mail: they will not be notified
}
cat-btn-apply = ✅ Apply
cat-none-available = None of the picked numbers fits now: no order was placed.
cat-placed = ✅ <b>Order No. { $id } accepted</b>
    { cat-what } · { orders-numbers }
    Status: { orders-status }. You will be notified when it is done.
cat-placed-again = ℹ️ This order was already accepted: No. { $id }. It is not placed twice.
cat-cancelled = The change is cancelled; no order was placed.
cat-expired = This dialog is closed. Start again from «📶 Tariffs and services».

## Why a number does not fit (before the order)

avail-reason-same-tariff = already on this tariff
avail-reason-service-already-on = the service is already on
avail-reason-service-not-on = the service is not on
avail-reason-overlap = there is already an open order No. { $order } for this change
