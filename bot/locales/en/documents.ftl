## 📑 Documents: invoices and VAT invoices to order, reconciliation statement, document history

doc-menu = 📑 <b>Documents</b>

    Order invoices, VAT invoices or a reconciliation statement: they are made in the background and arrive here as files (and by e-mail if you ask) when ready.
doc-menu-view = 📑 <b>Documents</b>

    The history of your number's documents.
doc-menu-account = Account <b>{ $number }</b>: a documents order or a reconciliation statement starts with it.
doc-btn-quick-invoice = 🧾 Invoice for { $month }
doc-btn-order = 🧾 Order documents
doc-btn-recon = ⚖️ Reconciliation statement
doc-btn-history = 🗂 Document history
doc-btn-section = 📑 To documents
doc-btn-all = Check all
doc-btn-none = Uncheck all
doc-btn-next = Next ({ $n ->
    [one] { $n } account
   *[other] { $n } accounts
}) ▶️
doc-btn-continue = Next ▶️
doc-btn-type-period = ✍️ Type a period
doc-btn-three-months = { $first } – { $last }
doc-btn-place = ✅ Order
doc-btn-order-docs = 📂 The order's documents
doc-btn-open-order = 📂 Documents of order No. { $id }
doc-btn-filter = 🔎 Filter by kind
doc-btn-all-history = 🗂 All history
doc-btn-download = ⬇️ { $kind } { $account } { $period } { $format } { $made }
doc-btn-download-noperiod = ⬇️ { $kind } { $account } { $format } { $made }

doc-order-title = 🧾 <b>Order documents</b>
doc-recon-title = ⚖️ <b>Reconciliation statement</b>
doc-ask-accounts = Check the accounts (available: { $total }, checked: { $n }).
doc-ask-period = Which period? Pick a month or type a range of months, e.g. <code>{ $example }</code>.
doc-ask-period-typed = Type the period — one month or several in a row, e.g. <code>{ $example }</code>.
doc-ask-kinds = Which documents? You may check several.
doc-ask-format = Which format?
doc-vat-pdf-only = ℹ️ The VAT invoice is PDF only, so every document of this order will be PDF.
doc-ask-notify = Tell you when the documents are ready?
doc-ask-zip = Pack the documents into a zip and send it by e-mail?
doc-ask-protect = Protect the statement with a password and pack it into an archive? The password comes by SMS only, to { $phone }.

doc-kind-invoice_detailed = Invoice with itemised detail
doc-kind-invoice = Invoice without detail
doc-kind-vat_invoice = VAT invoice
doc-kind-reconciliation = Reconciliation statement
doc-kind-prepayment_invoice = Prepayment invoice
doc-kind-short-invoice_detailed = Invoice (det.)
doc-kind-short-invoice = Invoice
doc-kind-short-vat_invoice = VAT inv.
doc-kind-short-reconciliation = Reconciliation
doc-kind-short-prepayment_invoice = Prepayment
doc-kind-btn-invoice_detailed = Inv+D
doc-kind-btn-invoice = Inv
doc-kind-btn-vat_invoice = VAT
doc-kind-btn-reconciliation = Stmt
doc-kind-btn-prepayment_invoice = Prepay
doc-filter-all = All kinds
doc-fmt-pdf = PDF
doc-fmt-html = HTML
doc-notify-no = Don't notify
doc-notify-sms = By SMS
doc-notify-email = By e-mail

doc-summary-title = 🧾 <b>Check the documents order</b>
doc-summary-title-recon = ⚖️ <b>Check the reconciliation order</b>
doc-sum-accounts = Accounts ({ $n }): { $numbers }
doc-sum-period = Period: { $period }
doc-sum-kinds = Documents: { $kinds }
doc-sum-format = Format: { $format }
doc-sum-zip-yes = Zip by e-mail: yes
doc-sum-zip-no-email = Zip by e-mail: no — no e-mail on file (add one in «👤 Profile»)
doc-no-email-note-recon = Neither you nor the company has an e-mail on file, so there is no e-mail notice. You can add an e-mail in «👤 Profile».
doc-no-email-note = Neither you nor the company has an e-mail on file, so there is no e-mail notice and no zip by e-mail. You can add an e-mail in «👤 Profile».
doc-err-no-email = No e-mail on file: add one in «👤 Profile» or choose another way.
doc-err-no-phone-password = The archive's password comes by SMS only, and there is no phone for SMS: add one in «👤 Profile» or order the statement without a password.
doc-err-no-phone = You have no phone for SMS on file: choose another way to be notified.
doc-sum-zip-no = Zip by e-mail: no
doc-sum-protect-yes = Password and archive: yes
doc-sum-protect-no = Password and archive: no
doc-sum-protect-no-phone = Password and archive: no — there is no phone for SMS (add one in «👤 Profile»)
doc-sum-notify = Notification: { $how }
doc-edit-accounts = ✏️ Accounts
doc-edit-period = ✏️ Period
doc-edit-kinds = ✏️ Documents
doc-edit-format = ✏️ Format
doc-edit-notify = ✏️ Notification
doc-edit-zip = ✏️ Archive
doc-edit-protect = ✏️ Password

doc-placed = ✅ Order No. { $order } accepted: { $n ->
    [one] { $n } document. It is being made; we will send it here when ready.
   *[other] { $n } documents. They are being made; we will send them here when ready.
}
doc-placed-recon = ✅ Order No. { $order } accepted: the reconciliation statement is being made. We will send it here when ready.
doc-placed-again = Order No. { $order } is already accepted; no second one was made.

doc-err-period-format = I did not understand the period.
doc-err-period-order = The first month is after the last one.
doc-err-period-future = The period has not ended yet: documents are made for past months, the latest is { $last }.
doc-err-period-long = The period is longer than { $months } { $months ->
    [one] month
   *[other] months
}.
doc-err-format = This format does not suit every document of the order: the VAT invoice is PDF only.
doc-err-no-kinds = Check at least one document.
doc-err-no-accounts = Check at least one account.
doc-err-too-many = Too many documents at once ({ $n }, up to { $max }): shorten the period or take fewer accounts.
doc-err-not-ready = The document is not ready yet.

doc-history-title = 🗂 <b>Document history</b> · { $n ->
    [one] { $n } document
   *[other] { $n } documents
}
doc-history-order-title = 📂 <b>Documents of order No. { $order }</b>
doc-history-filter = Kind: { $kind }
doc-history-empty = No documents yet.
doc-history-row = <b>{ $kind }</b> No. { $number } · { $format }
    Account { $account }{ $period }
    { $status }{ $order }
# The row's period and order, each with its separator; a document made at once (a prepayment
# invoice) has neither, and its row once read «· —» and «заказ № 0».
doc-history-period = {" "}· { $period }
doc-history-order = {" "}· order No. { $order }
doc-status-queued = 🕓 Queued
doc-status-making = ⚙️ Being made
doc-status-ready = ✅ Ready
doc-status-sent = 📨 Sent
doc-status-failed = ❌ Failed
doc-file-caption = 📄 { $name }

doc-push-ready = 📑 The documents of order No. { $order } are ready.
doc-push-partial = 📑 The documents of order No. { $order } are partly ready: { $n } ready, { $failed } failed.
doc-push-failed = ❌ The documents of order No. { $order } could not be made.
doc-files-caption = 📑 Documents of order No. { $order }
doc-push-password-sent = 🔐 The password of the archive with reconciliation statement No. { $number } (order No. { $order }) was sent by SMS to { $phone }. We do not post it in the chat and do not keep it.
doc-sms-password = The password of the archive with reconciliation statement No. { $number }: { $password }
doc-sms-ready = The documents of order No. { $order } are ready. They are in the chat with the bot.
doc-email-subject = Documents of order No. { $order }
doc-email-ready = The documents of order No. { $order } are ready. They are in the chat with the cabinet bot.
doc-email-files = The documents of order No. { $order } are attached (a zip archive).
doc-order-status-new = 🕓 Accepted, documents: { $total }
doc-order-status-scheduled = 🕓 Accepted, documents: { $total }
doc-order-status-in_progress = ⚙️ In progress: { $n } of { $total } ready
doc-order-status-completed = ✅ Completed: { $n } of { $total } ready
doc-order-status-partial = ⚠️ Partly completed: { $n } of { $total } ready
doc-order-status-failed = ❌ Failed
doc-order-status-cancelled = ✖️ Cancelled
