## Employees and their numbers

sub-numbers = { $n ->
    [one] { $n } number
   *[other] { $n } numbers
}

sub-list-title = 👥 <b>Employees and numbers</b> · { sub-numbers }
sub-list-none = No numbers yet. Add an employee with «➕ Add».
sub-list-empty = Nothing found. Change the query or press «✖️ Reset search».
sub-filter-query = 🔎 Search: “{ $query }”
sub-filter-group = 👥 Group: { $group }
sub-filter-label = 🏷 Label: { $label }
sub-search-ask = 🔎 Type part of a number, a name, a label or a group, e.g. <code>916 123</code>, <code>Ivanov</code> or <code>VIP</code>.
sub-sel-hint = Tick numbers and press «Done». Ticked: { $n }.
sub-sel-empty = Tick at least one number first.
sub-btn-search = 🔎 Search
sub-btn-reset = ✖️ Reset search
sub-btn-add = ➕ Add
sub-btn-select = ☑️ Select several
sub-btn-groups = 👥 Groups
sub-btn-groups-view = 👥 Groups
sub-btn-labels = 🏷 Labels
sub-btn-sel-all = ☑️ All found
sub-btn-sel-none = ⬜ Untick all
sub-btn-sel-done = ✅ Done · { $n }
sub-btn-sel-group-add = ✅ Add to the group · { $n }
sub-btn-sel-group-drop = ✅ Remove from the group · { $n }
sub-btn-to-list = 📋 To the list
sub-btn-to-card = ◀️ To the card

sub-bulk-title = Ticked: { sub-numbers }. What to do?
sub-btn-bulk-label-add = 🏷 Add a label
sub-btn-bulk-label-rm = 🏷 Remove a label
sub-btn-bulk-group = 👥 Into a group
sub-btn-bulk-ungroup = 👥 Out of groups
sub-btn-bulk-remove = 🗑 Remove ({ $n })
sub-bulk-label-pick = Which label to remove from the ticked numbers?
sub-bulk-group-pick = Which group to move the ticked numbers to?
sub-remove-many-ask = Remove { $n ->
    [one] { $n } number from the employees? Its labels, group and cabinet access go; the number stays the company's.
   *[other] { $n } numbers from the employees? Their labels, groups and cabinet access go; the numbers stay the company's.
}
sub-removed = 🗑 Removed: { sub-numbers }.
sub-removed-none = These numbers are removed already — nothing changed.

sub-card-title = 📱 <b>{ $number }</b>
sub-card-name = 👤 { $name }
sub-card-position = Position: { $position }
sub-status-active = Status: 🟢 active
sub-status-blocked = Status: ⛔ blocked
sub-status-pending = Status: ⏳ awaiting SMS confirmation
sub-status-removed = Status: ✖️ removed
sub-card-block-reason = Block reason: { $reason }
sub-card-account = Account: { $account }
sub-card-tariff = Tariff: { $tariff }
sub-card-pending-note = The number's tariff, services and spending appear here once it is confirmed with the code from the SMS.
sub-card-services = Services: { $services }
sub-card-no-services = Services: none
sub-card-limit = Spent this month: { $spent } of the { $limit } limit ({ $percent } %)
sub-card-spent = Spent this month: { $spent } · no limit
sub-card-barred = 🚫 Outgoing paid actions are suspended: the limit is reached.
sub-card-labels = 🏷 Labels: { $labels }
sub-card-group = Group: { $group }
sub-card-email = E-mail: { $email }
sub-card-comment = Comment: { $comment }
sub-card-level = Cabinet access: { $level }
sub-card-level-none = none
sub-card-fwd = ↪️ Call forwarding:
sub-card-fwd-none = ↪️ Call forwarding: none
sub-fwd-rule = • { $type } → { $target }
sub-fwd-suspended = (suspended)
sub-fwd-uncond-note = While unconditional forwarding is on, the others are suspended.
sub-fwd-type-unconditional = always (unconditional)
sub-fwd-type-busy = when busy
sub-fwd-type-no_answer = on no answer
sub-fwd-type-unreachable = when unreachable
sub-btn-photo = 🖼 Photo
sub-btn-code = 🔑 Enter the code
sub-btn-resend = 🔁 New code
sub-btn-edit = ✏️ Personal data
sub-btn-labels-one = 🏷 Labels
sub-btn-limit = 💳 Spending limit
sub-btn-forwarding = ↪️ Call forwarding
sub-btn-manage = ⚙️ Number management
sub-btn-access = 🔐 Cabinet access
sub-btn-remove = 🗑 Remove the employee
sub-no-photo = The employee has no photo.
sub-photo-caption = { $name } · { $number }
sub-err-removed = This number has been removed from the employees.

sub-mine-number_manager = 🔧 Your level is “number management”: you may set call forwarding of this number; services are changed in “Tariffs and services”. The tariff, limit, blocking and SIM are changed by the coordinator.
sub-mine-viewer = 👁 Your level is “view only”: you can see this number's data but change nothing. The coordinator makes changes.

sub-add-name-ask = ➕ <b>New employee</b> · step 1 of 4
    Type the employee's surname and name, e.g. <code>Ivanov Ivan</code>.
sub-add-number-ask = Step 2 of 4. Type the employee's number, e.g. <code>+7 916 123-45-67</code>.
    Your company's number becomes active at once; any other number gets an SMS with a code.
sub-add-photo-ask = Step 3 of 4. Send the employee's photo (optional) or press «Skip».
sub-add-comment-ask = Step 4 of 4. Type a comment, e.g. <code>warehouse, second shift</code>, or press «Skip».
sub-add-summary = ➕ <b>Check the employee's data</b>
sub-add-photo-yes = Photo: yes
sub-add-photo-no = Photo: no
sub-add-own = ✅ Your company's number — active at once.
sub-add-foreign = 📩 Not your company's number: it gets an SMS with a code and awaits confirmation until then.
sub-add-stale = This button is out of date. Open the section again.
sub-btn-skip = ⏭ Skip
sub-btn-create = ✅ Create
sub-btn-other-account = 🔁 Another account
sub-added-active = ✅ Employee added, number { $number } is active.
sub-add-later = ⏸ The employee is not added yet and no SMS has gone: { $reason } Your answers are kept: press «✅ Create» again after that time.
sub-added-pending = 📩 Employee added. An SMS with a code went to { $number }: the number becomes active once the code is confirmed by the SMS link or typed here («🔑 Enter the code»).
sub-err-name = A name is { $min } to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>Ivanov Ivan</code>.
sub-err-comment = A comment is up to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>warehouse, second shift</code>.
sub-err-photo = A photo is needed here (as a picture, not a file).
sub-err-number-foreign = This number is served to another client and cannot be added. Type another number, e.g. <code>+7 916 123-45-67</code>.
sub-err-number-listed = This number is already among the employees ({ $name }). Type another number, e.g. <code>+7 916 123-45-67</code>.
sub-err-number-pending = This number is added already and awaits SMS confirmation. Open its card to enter the code.
sub-err-remove-self = You cannot remove your own number.
sub-err-text-only = Text is needed here. { $question }
sub-err-text = Type the answer as text.

sub-sms-confirm = Code { $code } confirms this number for “{ $company }” in the MegaFon Business cabinet. Open the link to confirm: { $link } — or tell the code to your coordinator.
sub-code-ask = 🔑 Type the 6 digits of the employee's SMS code, e.g. <code>123456</code>.
sub-code-resent = 📩 A new code went to { $number }.
sub-confirmed = ✅ Number { $number } is confirmed and active.
sub-confirmed-link = ✅ Thank you! The number is confirmed and joined the “{ $company }” cabinet.
sub-err-link = This confirmation link does not fit: the number is confirmed already or the link is incomplete. Ask the coordinator for a new code.
sub-err-not-pending = This number is confirmed already.

sub-remove-one-ask = Remove { $name } ({ $number }) from the employees? Labels, group and cabinet access go; the number stays the company's.

sub-edit-title = ✏️ <b>Personal data</b> · { $number }
    What to change?
sub-btn-edit-name = 👤 Name
sub-btn-edit-comment = 💬 Comment
sub-btn-edit-email = ✉️ E-mail
sub-btn-edit-photo = 🖼 Photo
sub-edit-name-ask = Type the new name, e.g. <code>Ivanov Ivan</code>.
sub-edit-comment-ask = Type a comment, e.g. <code>warehouse, second shift</code>, or “-” to clear it.
sub-edit-email-ask = Type an e-mail, e.g. <code>ivanov@company.ru</code>, or “-” to clear it.
sub-edit-photo-ask = Send the employee's new photo.
sub-saved = ✅ Saved.

sub-limit-screen = 💳 <b>Spending limit</b> · { $number }
    Monthly limit: { $limit }
    Spent this month: { $spent } ({ $percent } %)
    The coordinator is notified at 80 % and 100 %.
sub-limit-none = 💳 <b>Spending limit</b> · { $number }
    No limit. Spent this month: { $spent }.
sub-limit-blocks-yes = At 100 % outgoing paid actions are suspended.
sub-limit-blocks-no = At 100 % the number keeps working; only a notification comes.
sub-btn-limit-set = 💳 Set a limit
sub-btn-limit-change = ✏️ Change the limit
sub-btn-limit-blocks-on = ☑️ Suspend outgoing at 100 %
sub-btn-limit-blocks-off = ⬜ Suspend outgoing at 100 %
sub-btn-limit-off = 🗑 Remove the limit
sub-limit-ask = Type the monthly limit in roubles, e.g. <code>3000</code> or <code>2 500,50</code>.
sub-limit-saved = ✅ Limit saved.
sub-limit-removed = ✅ Limit removed.
sub-err-limit-range = A limit is 1 ₽ to { $max }, e.g. <code>3000</code>.
sub-push-limit-80 = ⚠️ Number { $number } ({ $name }) has used { $percent } % of its limit: { $spent } of { $limit }.
sub-push-limit-100 = 🔴 Number { $number } ({ $name }) has reached its limit: { $spent } of { $limit }.
sub-push-limit-barred = 🔴 Number { $number } ({ $name }) has reached its limit: { $spent } of { $limit }. Outgoing paid actions are suspended until next month or a new limit.

sub-access-screen = 🔐 <b>Cabinet access</b> · { $number }
    Now: { $level }
    A level given gets a password by SMS to this number; it must be changed at the first login.
sub-btn-grant = Give: { $role }
sub-btn-revoke = ⛔ Take access away
sub-grant-ask = Give number { $number } the “{ $role }” level and send a password by SMS?
sub-revoke-ask = Take cabinet access away from this number? Its sessions end at once.
sub-granted = ✅ Level given, the password went by SMS.
sub-grant-already = This level is given already — the password was sent before.
sub-revoked = ✅ Access taken away.
sub-revoked-none = This number has no cabinet access — nothing changed.

sub-groups-title = 👥 <b>Employee groups</b> · { $n }
sub-groups-none = No groups yet.
sub-group-card = { $icon } <b>{ $name }</b>
    Colour: { $color }
    Members: { sub-numbers }
sub-btn-group-new = ➕ New group
sub-btn-group-members = 📋 Members
sub-btn-group-add = ➕ Add
sub-btn-group-drop = ➖ Remove
sub-btn-group-rename = ✏️ Rename
sub-btn-group-look = 🎨 Icon and colour
sub-btn-group-delete = 🗑 Delete the group
sub-group-name-ask = Type the group's name, e.g. <code>Sales</code>.
sub-group-icon-ask = Choose the group's icon.
sub-group-color-ask = Choose the group's colour.
sub-group-created = ✅ Group created.
sub-group-delete-ask = Delete the group “{ $name }”? Its employees stay, without a group.
sub-group-deleted = ✅ Group deleted.
sub-group-gone = This group is deleted already.
sub-group-added = ✅ Added to the group: { sub-numbers }.
sub-group-dropped = ✅ Removed from the group: { sub-numbers }.
sub-err-group-name = A name is { $min } to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>Sales</code>.
sub-err-group-taken = There is a group “{ $name }” already. Type another name, e.g. <code>Sales 2</code>.
sub-err-group-look = Choose the icon and colour with the buttons.
sub-err-group-many = There can be at most { $n } { $n ->
    [one] group
   *[other] groups
}.
sub-color-red = red
sub-color-orange = orange
sub-color-yellow = yellow
sub-color-green = green
sub-color-blue = blue
sub-color-purple = purple
sub-color-brown = brown
sub-color-grey = grey

sub-labels-title = 🏷 <b>Labels</b> · { $n }
    Press a label to see its numbers.
sub-labels-none = No labels yet: a label appears when it is first put on a number.
sub-labels-one = 🏷 <b>Labels of the number</b> · { $n }
    Press a label to remove it.
sub-btn-label-add = ➕ Add a label
sub-label-ask = Type a label, e.g. <code>VIP</code> or <code>travel</code>. A new label is created by itself.
sub-label-existing = Existing: { $labels }
sub-label-added = ✅ Label “{ $label }” put on { sub-numbers }.
sub-label-removed = ✅ Label removed from { sub-numbers }.
sub-err-label = A label is 1 to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>VIP</code>.

sub-manage-title = ⚙️ <b>Number management</b> · { $number }
    👤 { $name }
sub-btn-sim = 🔁 Replace the SIM
sub-btn-attach = 📎 Attach a personal SIM
sub-btn-block = ⛔ Block
sub-btn-unblock = ✅ Unblock
sub-sim-reserve = 📦 Your company holds { $n ->
    [one] { $n } blank SIM
   *[other] { $n } blank SIMs
}.
sub-sim-none = 📦 Your company holds no blank SIMs, so the SIM cannot be replaced now.
    Get blank SIMs from your MegaFon manager or a service office: once they are loaded into the cabinet, replacement is available here. If the SIM is lost, you can block the number meanwhile («⛔ Block»).
sub-sim-ask = 🔁 Type the ICC of a reserve SIM of your company — 19 or 20 digits on the back of the card, e.g. <code>8970102000000000003</code>.
sub-sim-confirm = Replace the SIM of { $number } with the card ICC <code>{ $icc }</code>? The old card stops working.
sub-btn-sim-yes = ✅ Replace
sub-err-icc-digits = An ICC is digits only.
sub-err-icc-length = An ICC has 19 or 20 digits; this one has { $n }.
sub-err-icc-luhn = This ICC has a mistake: its check digit (the last one) does not match. Check it against the card.
sub-err-icc-not-reserve = This SIM is not in your company's reserve.
sub-err-icc-in-use = This SIM is in use on another number — choose a free card from the reserve.
sub-err-icc-retired = This SIM is retired and cannot be used again.
sub-err-icc-same = This SIM is already on this number.
sub-attach-number-ask = 📎 Type the employee's personal number to move to the company's account, e.g. <code>+7 916 123-45-67</code>.
sub-attach-puk-ask = Type the PUK1 of that SIM — 8 digits, e.g. <code>12345678</code>. The message is deleted from the chat at once.
sub-attach-confirm = Attach the personal SIM of { $name } ({ $number }): number { $personal } joins the company's account after the operator's check. Go on?
sub-btn-attach-yes = ✅ Attach
sub-err-puk = A PUK1 is 8 digits, e.g. <code>12345678</code>.
sub-err-personal-served = This number is already served by us (to your or another company) and cannot be attached.
sub-block-reason-ask = ⛔ Type the reason for blocking, e.g. <code>SIM lost</code>.
sub-block-confirm = Block number { $number }?
    Reason: { $reason }
sub-btn-block-yes = ⛔ Block
sub-unblock-ask = Unblock number { $number }?
sub-btn-unblock-yes = ✅ Unblock
sub-err-block-reason = A reason is { $min } to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>SIM lost</code>.
sub-err-block-pending = The number is not confirmed yet — there is nothing to block.
sub-err-already-blocked = The number is blocked already.
sub-err-not-blocked = The number is not blocked.
sub-fwd-title = ↪️ <b>Call forwarding</b> · { $number }
sub-fwd-charged = 💡 Forwarded calls are charged as outgoing calls.
sub-btn-fwd-add = ➕ Add forwarding
sub-fwd-type-ask = When to forward calls?
sub-fwd-target-ask = Forward where ({ $type })? Type a Russian number of any operator, e.g. <code>+7 916 123-45-67</code> or <code>8 (495) 123-45-67</code>.
sub-fwd-target-ask-short = Type a Russian number, e.g. <code>+7 916 123-45-67</code>.
sub-fwd-confirm = Turn on forwarding on { $number }: { $type } → { $target }?
sub-btn-fwd-yes = ✅ Turn on
sub-fwd-drop-ask = Remove forwarding “{ $type }” to { $target }?
sub-btn-fwd-drop-yes = ✖️ Remove
sub-err-fwd-blocked = ⛔ The number is blocked: forwarding cannot be set on it.
sub-err-fwd-pending = The number is not confirmed yet: forwarding cannot be set.
sub-err-fwd-self = Calls cannot be forwarded to the same number.
sub-err-fwd-gone = This forwarding is gone already.
sub-order-placed = 📋 Order No. { $id } accepted: { $kind }. The result comes as a notification.
sub-order-again = 📋 This order is accepted already — No. { $id } ({ $kind }). No second one was made.
sub-order-kind-sim = SIM replacement
sub-order-kind-attach = attaching a personal SIM
sub-order-kind-block = blocking the number
sub-order-kind-unblock = unblocking the number
sub-order-kind-fwd = turning forwarding on
sub-order-kind-fwd-off = turning forwarding off
network-reason-sim-not-reserve = the SIM is not in the company's reserve
network-reason-sim-in-use = the SIM is in use on another number
network-reason-sim-retired = the SIM is retired
network-reason-number-served = the number is served by the operator under another contract
network-reason-forward-self = calls cannot be forwarded to the same number
sub-page-ask = Which page to go to? Type its number, e.g. <code>25</code>.
sub-err-page = A page number is a whole number from 1, e.g. <code>25</code>.
sub-btn-open-card = 📱 To the number's card
sub-btn-services = 📶 Services of the number
sub-push-confirmed = ✅ Number { $number } ({ $name }) is confirmed by SMS and active now.
