## Support tickets (handlers/tickets.py, handlers/support_staff.py, domain/tickets.py)

tic-topic-billing = Bills and payments
tic-topic-documents = Documents
tic-topic-sim = SIM cards and numbers
tic-topic-tariffs = Tariffs and services
tic-topic-quality = Connection quality
tic-topic-other = Other
tic-topic-remote_service = Remote service application

tic-status-new = new
tic-status-in_progress = in progress
tic-status-waiting = waiting for the client
tic-status-answered = answered
tic-status-closed = closed
tic-icon-new = 🆕
tic-icon-in_progress = 🛠
tic-icon-waiting = ⏳
tic-icon-answered = ✅
tic-icon-closed = 🔒

## Creating
tic-ask-topic =
    💬 <b>New ticket</b> · step 1 of 5

    Choose a topic:
tic-ask-text =
    💬 <b>New ticket</b> · step 2 of 5
    Topic: { $topic }

    Describe the question in one message (up to { $max } { $max ->
        [one] character
       *[other] characters
    }), for example: <i>"Since 1 November account 300115473001 is charged for a service that was switched off"</i>.
    You may send files now or at the next step.
tic-current = Now: { $value }
tic-ask-files =
    💬 <b>New ticket</b> · step 3 of 5

    Attach files or photos — one by one or several at once, in any order. At most { $limit } { $limit ->
        [one] file
       *[other] files
    }, each up to { $mb } MB: images, PDF, office documents, archives.
    { $n ->
        [0] When you are done, press the button below. Files are optional.
        [one] { $n } file received. More files, or press "Done".
       *[other] { $n } files received. More files, or press "Done".
    }
tic-file-taken = 📎 File "{ $name }" received ({ $n } of { $limit }).
tic-file-refused =
    ❌ { $reason }
    Everything else is kept ({ $n } of { $limit } { $limit ->
        [one] file
       *[other] files
    }).
tic-files-text = The ticket's text is already saved. Now send files or press the button under the message.
tic-file-kind = Send text, a file or a photo here. Stickers, voice and video are not accepted.
tic-ask-phone =
    💬 <b>New ticket</b> · step 4 of 5

    Which number should get an SMS when there is an answer? Press the button with your number or type any Russian mobile number, for example <code>+7 916 123-45-67</code>.
tic-summary =
    💬 <b>Check the ticket</b> · step 5 of 5

    <b>Topic:</b> { $topic }
    <b>Message:</b>
    { $text }

    <b>Files ({ $n }):</b>
    { $files }

    <b>SMS about the answer:</b> { $phone }
tic-no-files = none
tic-created =
    ✅ Ticket <b>{ $number }</b> is registered.

    The answer will come here, to the chat, and an SMS to { $phone }. Follow its status in "💬 Tickets".
tic-cancelled = ✖️ The ticket was not sent; what you entered is dropped.
tic-use-buttons = Choose with a button under the message.

## The list
tic-list-title = { $n ->
        [0] 💬 <b>Tickets</b>
        [one] 💬 <b>Tickets</b> · { $n } ticket
       *[other] 💬 <b>Tickets</b> · { $n } tickets
    }
tic-list-legend = 🆕 new · 🛠 in progress · ⏳ waiting for you · ✅ answered · 🔒 closed
tic-list-filter-status = Status: { $status }
tic-list-filter-topic = Topic: { $topic }
tic-list-sorted-d = Newest first.
tic-list-sorted-s = By status: those waiting for you first.
tic-list-empty = No tickets yet. Create the first one with the button below.
tic-list-none = No tickets match. Reset the filters or choose others.
tic-list-row = { $icon } { $number } · { $date } · { $topic }
tic-filter-status-title = Show tickets with the status:
tic-filter-topic-title = Show tickets on the topic:
tic-filter-all = All

## The card
tic-card =
    💬 <b>Ticket { $number }</b>
    Topic: { $topic }
    Status: <b>{ $status }</b>
    Created: { $date } · { $author }
    SMS about the answer: { $phone }
tic-card-page = Conversation: page { $page } of { $pages } (messages in all: { $n })
tic-msg-client = 👤 <b>{ $name }</b>
tic-msg-staff = 🎧 <b>Support</b> ({ $name })
tic-staff-default-name = operator
tic-note-autoclosed = The ticket was closed automatically: no answer for { $days } { $days ->
    [one] day
   *[other] days
}. If the question remains, reopen it or create a new one.
tic-card-rating = Your rating: { $rating } of 5 ⭐ { $comment }
tic-card-rate-invite = Rate how the question was solved: the star buttons below.
tic-files-title = 📎 Files of ticket { $number } ({ $n }). Press a file and I will send it here.
tic-ask-reply = ✍️ Write a message and/or send files (up to { $limit } { $limit ->
    [one] file
   *[other] files
}, each up to { $mb } MB). When ready, press "Send".
tic-reply-so-far =
    Text: { $text }
    Files: { $n }
tic-reply-sent = Sent to support.
tic-close-ask = Close ticket { $number }? It can be reopened within 7 days.
tic-closed =
    🔒 Ticket { $number } is closed.

    Rate how the question was solved, 1 to 5 stars:
tic-reopened = Ticket { $number } is in progress again.
tic-ask-comment =
    Thank you! Rating { $rating } of 5 for { $number } is saved.

    Want to add a comment? Write it in one message or press "No comment".
tic-ask-comment-short = Write a comment to the rating or press "No comment".
tic-thanks = Thank you for the rating!

## Buttons
tic-btn-new = ➕ Create a ticket
tic-btn-no-files = No files →
tic-btn-files-done = ✅ Done ({ $n })
tic-btn-my-phone = 📱 My number: { $phone }
tic-btn-send = 📨 Send
tic-btn-open = 💬 Open the ticket
tic-btn-list = 📋 All tickets
tic-btn-filter-status = Status ▾
tic-btn-filter-topic = Topic ▾
tic-btn-sort-d = ↕️ Sort by date
tic-btn-sort-s = ↕️ Sort by status
tic-btn-reset = ✖️ Reset filters
tic-btn-files = 📎 Files ({ $n })
tic-btn-reply = ✍️ Reply
tic-btn-close = 🔒 Close
tic-btn-close-yes = 🔒 Yes, close
tic-btn-reopen = 🔄 Reopen
tic-btn-back-list = ◀️ To the list
tic-btn-no-comment = No comment
tic-btn-all-files = 📥 Send these files ({ $n })
tic-btn-reply-send = 📨 Send

## Errors
tic-file-missing = File "{ $name }" did not arrive whole. Send it again.
tic-file-too-big = File "{ $name }" refused: it is larger than { $limit } MB.
tic-file-type = File "{ $name }" refused: we do not take such files. Allowed: images, PDF, office documents (doc, docx, xls, xlsx, ppt, pptx, odt, rtf, txt, csv) and archives (zip, rar, 7z).
tic-file-too-many = At most { $limit } { $limit ->
    [one] file
   *[other] files
} can be attached to one message.
tic-text-short = Too short: describe the question in at least { $min } { $min ->
    [one] character
   *[other] characters
}.
tic-text-long = Too long: { $length } { $length ->
    [one] character
   *[other] characters
}, the limit is { $max }. Shorten it or attach it as a file.
tic-comment-empty = The comment is empty.
tic-comment-long = The comment is longer than { $max } { $max ->
    [one] character
   *[other] characters
}; shorten it.
tic-topic-unknown = No such topic. Choose one with a button.
tic-too-many = Too many tickets today (at most { $limit } a day). Add to an open one.
tic-closed-reply = The ticket is closed. Reopen it to write.
tic-reply-empty = Write a text or attach a file.
tic-already-closed = The ticket is already closed.
tic-not-closed = The ticket is not closed.
tic-reopen-late = A ticket can be reopened within { $days } { $days ->
    [one] day
   *[other] days
} of closing. Create a new one.
tic-rate-open = Only a closed ticket can be rated.
tic-rated-already = The rating is already given.
tic-rating-range = A rating is 1 to 5.
tic-rate-first = Give a rating first.

## Pushes and SMS
tic-push-reply-added = ✅ Added to ticket { $number }: support will see your message.
tic-push-reply =
    🎧 <b>Answer on ticket { $number }</b>

    { $text }{ $long ->
        [1] { "\u000A" }✂️ A long answer — { $length } { $length ->
            [one] character
           *[other] characters
        }: here is its beginning. Press «📄 Read it whole» for the rest.
        [2] ✂️ A long answer — { $length } { $length ->
            [one] character
           *[other] characters
        }: it follows whole in the next messages.
       *[0] { "" }
    }{ $files ->
        [0] { "" }
       *[other] { "\u000A" }📎 Files: { $files }
    }
tic-push-status = 💬 Ticket { $number }: status "{ $status }".
tic-push-reminder = ⏳ Ticket { $number } has been waiting for your answer for { $waited } { $waited ->
    [one] day
   *[other] days
}. Without an answer in { $days } more { $days ->
    [one] day
   *[other] days
} it will be closed.
tic-push-autoclosed = 🔒 Ticket { $number } is closed: no answer for { $days } { $days ->
    [one] day
   *[other] days
}. It can be reopened within { $reopen } { $reopen ->
    [one] day
   *[other] days
}.
tic-sms-answered = Ticket { $number } has an answer. Open the chat with the cabinet bot.
tic-file-caption = 📎 { $number } · { $name }

## The staff chat
tic-staff-new =
    🆕 <b>Ticket { $number }</b> · { $topic }
    🏢 { $company }, INN { $inn }
    👤 { $user } ({ $login }, { $role })
    📱 SMS: { $phone }

    { $text }{ $long ->
        [1] ✂️ A long message — { $length } { $length ->
            [one] character
           *[other] characters
        }: it follows whole in the next messages.
       *[0] { "" }
    }{ $files ->
        [0] { "" }
       *[other] { "\u000A" }📎 Files: { $files } (below)
    }

    Reply to this message to answer the client.
tic-staff-client-message =
    💬 <b>{ $number }</b> · { $topic } · { $status }
    🏢 { $company } · 👤 { $user }

    { $text }{ $long ->
        [1] ✂️ A long message — { $length } { $length ->
            [one] character
           *[other] characters
        }: it follows whole in the next messages.
       *[0] { "" }
    }{ $files ->
        [0] { "" }
       *[other] { "\u000A" }📎 Files: { $files } (below)
    }
tic-staff-closed-by-client = 🔒 { $number }: the client closed the ticket.
tic-staff-reopened = 🔄 { $number }: the client reopened the ticket.
tic-staff-rated = ⭐ { $number }: the client's rating { $rating } of 5.
tic-staff-rating-comment = ⭐ { $number }: comment to rating { $rating }: { $comment }
tic-staff-btn-in_progress = 🛠 In progress
tic-staff-btn-waiting = ⏳ Waiting for client
tic-staff-btn-answered = ✅ Answered
tic-staff-btn-closed = 🔒 Close
tic-staff-sent = ✅ The answer on { $number } is sent to the client.
tic-staff-status-now = Status now: { $status ->
    [new] 🆕 new
    [in_progress] 🛠 in progress
    [waiting] ⏳ waiting for the client
    [answered] ✅ answered
   *[closed] 🔒 closed
}
tic-staff-status-set = { $number }: { $status }
tic-staff-status-note = { $number }: status "{ $status }" ({ $name }).
tic-staff-denied = ⛔ Only the support staff the operator named and this chat's administrators may answer tickets.
tic-staff-unknown = Ticket { $id } not found.
tic-staff-closed-reply = Ticket { $number } is closed: change its status first, then answer.
tic-staff-bad-status = This status cannot be set.
tic-staff-same-status = { $number } already has this status.

## The back-office (bot/admin_cli.py: tickets)
admin-tickets-none = No open tickets.
admin-tickets-row = #{ $id } { $number } · { $date } · { $status } · { $topic } · { $company }: { $text }
admin-tickets-card =
    Ticket { $number } · { $topic } · { $status }
    Created: { $date } · { $author } · SMS: { $phone }
tic-phone-text = Send the number for the SMS as text, or use the button.
tic-btn-keep-text = Keep the text, next →
tic-text-part =
    📄 <b>{ $number }</b> · part { $part } of { $parts }

    { $text }
tic-btn-whole = 📄 Show it whole
tic-btn-read-whole = 📄 Read it whole
tic-cut-card = ✂️ The beginning: { $shown } of { $length } { $length ->
    [one] character
   *[other] characters
}. Press «📄 Show it whole» for the rest.
tic-cut-draft = ✂️ The beginning: { $shown } of { $length } { $length ->
    [one] character
   *[other] characters
}; the whole text is kept.
tic-whole-head = 📄 <b>{ $number }</b> · { $who } · { $date }{ $parts ->
    [1] { "" }
   *[other] { " " }· part { $part } of { $parts }
}
