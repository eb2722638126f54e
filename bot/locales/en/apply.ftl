## Application for remote service (handlers/apply.py, domain/applications.py)

apply-intro =
    📝 <b>Application for remote service</b>

    For a company that has no access to the cabinet yet. You will need the INN, KPP, OGRN or OGRNIP, the authorised person's passport, the numbers to connect, a code word and an e-mail. I check each field at once and show the whole application at the end — any field can be corrected.
apply-step = Question { $n } of { $total }
apply-current = Now: { $value }
apply-ask-company = Name of the organisation or sole trader, e.g. <code>Romashka LLC</code>.
apply-ask-inn = INN: 10 digits for a company or 12 for a sole trader, e.g. <code>7707083893</code>.
apply-ask-kpp = KPP: 9 characters, e.g. <code>770701001</code>.
apply-ask-ogrn = { $kind ->
        [company] OGRN: 13 digits, e.g. <code>1027700132195</code>.
       *[sole_trader] OGRNIP: 15 digits, e.g. <code>304500116000157</code>.
    }
apply-ask-person_name = Full name of the authorised person, e.g. <code>Ivanov Ivan Ivanovich</code>.
apply-ask-person_position = Position of the authorised person, e.g. <code>General director</code>.
apply-ask-passport = Passport series and number of the authorised person, e.g. <code>4510 123456</code>.
apply-ask-passport_issued = Passport issue date, e.g. <code>01.09.2015</code>.
apply-ask-passport_issuer = Issued by, e.g. <code>Arbat district police office, Moscow</code>.
apply-ask-by_proxy = Does a representative apply under a power of attorney? Press “Yes” or “No”.
apply-ask-head_name = Full name of the head of the organisation, e.g. <code>Petrov Petr Petrovich</code>.
apply-ask-head_position = Position of the head, e.g. <code>General director</code>.
apply-ask-proxy_doc = Number and date of the power of attorney, e.g. <code>No. 12 of 01.02.2026</code>.
apply-ask-numbers = Numbers to connect: Russian mobile numbers, separated by commas or one per line. E.g. <code>+7 916 123-45-67, +7 926 111-22-33</code>.
apply-ask-code_word = The account's code word: one word of letters and digits, e.g. <code>Romashka2026</code>. I delete the message at once; the application keeps the word only in protected form.
apply-ask-email = The e-mail where the login password will come, e.g. <code>office@romashka.ru</code>.
apply-field-company = Organisation
apply-field-inn = INN
apply-field-kpp = KPP
apply-field-ogrn = OGRN / OGRNIP
apply-field-person_name = Authorised person
apply-field-person_position = Position
apply-field-passport = Passport
apply-field-passport_issued = Issued on
apply-field-passport_issuer = Issued by
apply-field-by_proxy = Under a power of attorney
apply-field-head_name = Head
apply-field-head_position = Head's position
apply-field-proxy_doc = Power of attorney
apply-field-numbers = Numbers
apply-field-code_word = Code word
apply-field-email = E-mail
apply-yes = yes
apply-no = no
apply-btn-yes = Yes
apply-btn-no = No
apply-btn-send = ✅ Send
apply-btn-edit = ✏️ Edit a field
apply-summary-title = 📝 <b>Check the application</b>
apply-edit-which = Which field to correct?
apply-sent =
    ✅ Application received, number <b>{ $number }</b>.

    The operator will check it and connect remote service; the login password will come to { $email }.
apply-unknown-field = The application has no such field.
apply-incomplete = The application is not complete.
apply-too-many = One account can send at most { $limit } { $limit ->
    [one] application
   *[other] applications
} a day. Please try tomorrow.

## E-mail and the staff chat (rendered by the notifier)

email-apply-received =
    Hello!

    The application for remote service for { $company } is received, number { $number }.
    We will check it and send the cabinet password to this address.
email-apply-received-subject = Application { $number } received
apply-staff-new = 📝 New application for remote service { $number }: { $company }, INN { $inn }, { $count ->
        [one] { $count } number
       *[other] { $count } numbers
    }.
apply-use-buttons = Choose with a button under the application: send, edit a field or cancel.
apply-cancelled = ✖️ Application cancelled, nothing was sent. Start again with “📝 Apply for access”.

## Texts written into rows (the database keeps the Russian ones)
apply-row-topic = Application for remote service: { $company }
