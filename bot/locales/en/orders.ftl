## Orders and requests: statuses, kinds, completion pushes, subscriber notices, network refusals

orders-numbers = { $n ->
    [one] { $n } number
   *[other] { $n } numbers
}
orders-numbers-gen = { orders-numbers }

orders-accounts = { $n ->
    [one] { $n } account
   *[other] { $n } accounts
}
# What an order is for: numbers, or accounts for a documents order.
orders-items = { $kind ->
    [documents] { orders-accounts }
    [reconciliation] { orders-accounts }
   *[other] { orders-numbers }
}

orders-kind = { $kind ->
    [change_tariff] Tariff change
    [service_on] Service on
    [service_off] Service off
    [replace_sim] SIM replacement
    [attach_sim] Personal SIM attached
    [block] Number blocking
    [unblock] Number unblocking
    [forwarding] Call forwarding
    [documents] Documents order
    [reconciliation] Reconciliation statement
   *[other] Order
}

orders-status = { $status ->
    [new] 🆕 Accepted
    [scheduled] 🗓 Scheduled
    [in_progress] ⏳ In progress
    [completed] ✅ Completed
    [partial] ⚠️ Partly done
    [failed] ❌ Failed
    [cancelled] ✖️ Cancelled
   *[other] { $status }
}

orders-item-status = { $status ->
    [pending] ⏳ pending
    [done] ✅ done
    [failed] ❌ failed
   *[other] { $status }
}

orders-btn-open = 📋 Open order No. { $id }

orders-push-finished = { orders-status } — order No. { $id }
    { orders-kind }: done for { $done } of { orders-numbers-gen }{ $failed ->
        [0] .
       *[other] , failed: { $failed }.
    }
orders-push-reminder = 🗓 Tomorrow, { $date }, order No. { $id } takes effect
    { orders-kind } for { orders-numbers-gen }.
    A scheduled order can be cancelled until it starts.

orders-subscriber-notice-subject = Changes on your number
orders-subscriber-notice = { $kind ->
    [change_tariff] From { $date } number { $msisdn } is on the tariff "{ $tariff_name }".
    [service_on] From { $date } the service "{ $service_name }" is on for { $msisdn }.
    [service_off] From { $date } the service "{ $service_name }" is off for { $msisdn }.
    [block] Number { $msisdn } is blocked from { $date }.
    [unblock] Number { $msisdn } is unblocked from { $date }.
    [replace_sim] The SIM card of { $msisdn } has been replaced.
    [forwarding] Call forwarding on { $msisdn } has changed.
   *[other] An order of your company was carried out on { $msisdn }.
}

## Why the network refused a number

network-reason-removed = the number is no longer in service
network-reason-pending = the number is not yet confirmed by its owner
network-reason-blocked = the number is blocked
network-reason-tariff-withdrawn = the tariff is no longer offered
network-reason-service-withdrawn = the service is no longer offered
network-reason-brand = not available for accounts of this operator (MegaFon / Yota)
network-reason-account-type = not available for this account type
network-reason-service-conflict = incompatible with a service on the number
network-reason-tariff-conflict = incompatible with the number's tariff
network-reason-internal = a technical network error; the order was not carried out

## The «Orders and requests» section

orders-title = 📋 <b>Orders and requests</b> · { $n }
orders-filter-line = Filter: { $status } · { $kind }
orders-filter-status = { $value ->
    [open] in progress
    [done] completed
    [problem] with errors
    [cancelled] cancelled
   *[any] any status
}
orders-filter-kind-any = any kind
orders-none-yet = No orders yet. Tariff changes, services, SIM replacements, blocking and document orders will show here.
orders-empty = No orders match.
orders-list-hint = Press an order to open its card: numbers, dates, result.
    { $marks }
# A button of the list: the status's mark only, so that it fits a phone's width.
orders-status-mark = { $status ->
    [new] 🆕
    [scheduled] 🗓
    [in_progress] ⏳
    [completed] ✅
    [partial] ⚠️
    [failed] ❌
    [cancelled] ✖️
   *[other] •
}
orders-btn-row = No. { $id } · { orders-kind } { orders-status-mark }
orders-btn-filters = 🔎 Filters
orders-btn-show = Show
orders-filters = 🔎 <b>Order filters</b>
    Pick a status and a kind, then press "Show".
orders-card-title = 📋 <b>Order No. { $id }</b> · { $subject }
orders-card-created = Placed: { $at }
orders-card-effective = Takes effect: { $date }
orders-card-status = Status: { orders-status }
orders-card-completed = Done: { $at }
orders-card-reason = Reason: { $reason }
orders-card-counts = { orders-items }: ✅ { $done } · ❌ { $failed } · ⏳ { $pending }
orders-card-item = { $who } — { orders-item-status }
orders-item-account = Account { $number }
orders-btn-documents = 📂 The order's documents
orders-reason-documents-failed = a document could not be made
orders-btn-cancel = ✖️ Cancel the order
orders-btn-cancel-yes = ✖️ Yes, cancel
orders-btn-cancel-no = ◀️ Keep it
orders-btn-list = 📋 Back to orders
orders-cancel-ask = Cancel order No. { $id } ({ $subject })? It has not started; after cancelling nothing changes.
orders-cancelled = ✖️ Order No. { $id } is cancelled.
orders-not-found = Order not found.
orders-cancel-too-late = Too late to cancel: the order has started or is finished.
