## The operator's back-office command line (bot/admin_cli.py, domain/backoffice.py)

admin-company-created = Company created: id { $id }, “{ $name }”, INN { $inn }.
admin-account-created = Account { $number } ({ $brand }) created: id { $id }.
admin-imported = Numbers added: { $count } to account { $account }.
admin-password-sent = The password of { $login } went by SMS to { $phone }.{ $created ->
        [yes] {" "}The cabinet user was created.
       *[no] {""}
    } The user sets an own password at the first login.
admin-user-blocked = User { $login } is blocked, its sessions have ended.
admin-user-unblocked = User { $login } is unblocked.
admin-outbox-empty = The outbox is empty.
admin-col-time = time (MSK)
admin-col-channel = channel
admin-col-recipient = to
admin-col-status = status
admin-col-text = text
admin-outbox-status-pending = pending
admin-outbox-status-sent = sent
admin-outbox-status-failed = failed
admin-outbox-status-skipped = skipped
admin-error = Error: { $message }
admin-line-error = line { $line }, column { $column }: { $message }
admin-file-unreadable = cannot read the file { $file }: { $error }
admin-company-exists = a company with INN { $inn } already exists.
admin-no-company = there is no company with id { $company_id }.
admin-account-exists = account { $number } already exists.
admin-no-account = there is no account { $number }.
admin-account-other-company = account { $number } belongs to another company.
admin-import-failed = the file has { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }, nothing was added.
admin-csv-empty = the file is empty. The first line is the header, e.g.: { $example }
admin-csv-broken = the CSV file is broken: { $error }
admin-csv-unknown-column = unknown column; allowed: { $allowed }
admin-csv-no-column = there is no { $column ->
    [msisdn] msisdn (phone number)
    [account] account (account number)
    [date] date
    [amount] amount
    [category] category (kind of charge)
    [icc] icc (SIM card number)
   *[other] { $column }
} column.
admin-csv-columns = expected { $expected } columns, the line has { $got }.
admin-csv-duplicate = this number is already on line { $other }.
admin-csv-too-long = the value is too long: at most { $max } { $max ->
    [one] character
   *[other] characters
}.
admin-csv-too-many = too many lines: at most { $max } at once.
admin-csv-taken = number { $value } is already connected.
admin-csv-no-rows = the file has no numbers.
admin-user-no-phone = user { $login } has no phone for SMS: give --phone.
admin-no-user = there is no cabinet user { $login }; give --role to create one.
admin-no-subscriber = no company has the number { $login }: import it first.
admin-yota-role = Yota logs in by account; the level { $role } does not fit it.
admin-user-is-blocked = user { $login } is blocked; unblock it first (user unblock).
admin-login-ambiguous = login { $login } exists at both MegaFon and Yota: give --brand.
admin-payments-imported = Payments loaded: { $count } for { $total } to { $accounts ->
        [one] { $accounts } account
       *[other] { $accounts } accounts
    }.{ $pushes ->
        [0] {""}
       *[other] {" "}Pushes: { $pushes }.
    }
admin-charges-imported = Charges loaded: { $count } for { $total } on { $accounts ->
        [one] { $accounts } account
       *[other] { $accounts } accounts
    }.{ $pushes ->
        [0] {""}
       *[other] {" "}Pushes: { $pushes } (balance threshold, number limits).
    }
admin-sims-imported = SIM cards added to the company's reserve: { $count }.
admin-csv-date = “{ $value }” is not a date: DD.MM.YYYY, DD.MM.YYYY HH:MM or YYYY-MM-DD.
admin-csv-date-future = the date “{ $value }” has not come yet.
admin-csv-amount = the amount “{ $value }” will not do: a number above zero, e.g. 1234.56 (below zero for an adjustment only).
admin-csv-choice = no such value; allowed: { $allowed }
admin-csv-document = a document number is needed, { $max } { $max ->
    [one] character
   *[other] characters
} at most.
admin-csv-duplicate-doc = this document is also on line { $other }.
admin-csv-loaded = the payment of document { $document } was loaded before.
admin-csv-not-on-account = the number { $value } is not on this account.
admin-csv-barred = the number { $value } has outgoing calls barred by its spending limit: it can have no calls, SMS, internet or roaming.
admin-csv-sim-known = the SIM card { $value } is already known.
admin-csv-duplicate-charge = a charge with this id is also on line { $other }.
admin-csv-charge-loaded = the charge { $id } was loaded before.
