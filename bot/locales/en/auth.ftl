## Login with a code or a password, recovery, the forced new password (handlers/auth.py)

auth-megafon-ask =
    Log in to the <b>MegaFon</b> cabinet.

    Press “📱 Share my number” below — or type the phone number that is your login in any form, e.g. <code>+7 916 123-45-67</code>.
auth-yota-ask =
    Log in to the <b>Yota</b> cabinet.

    Type the account number — it is your login, e.g. <code>400900800700</code>.
auth-btn-share = 📱 Share my number
auth-btn-password = 🔑 Log in with a password
auth-btn-forgot = ❓ Forgot password?
auth-btn-new-code = 🔁 New code
auth-btn-sms = 📱 By SMS
auth-btn-email = ✉️ By e-mail
auth-btn-logout = 🚪 Log out
auth-contact-not-own = Only your own number can be shared — with the “📱 Share my number” button below. Or type the number, e.g. <code>+7 916 123-45-67</code>.
auth-code-sent-megafon = 📩 The code went by SMS to { $phone }.
auth-code-sent-yota = 📩 The code went by SMS to the phone of the user of account { $account }.
auth-code-ask = Type the 6 digits from the SMS, e.g. <code>123456</code>. The code is valid for 10 minutes.
auth-pw-login-ask-megafon = Password login to the <b>MegaFon</b> cabinet. Type the login — a phone number, e.g. <code>+7 916 123-45-67</code>, or press “📱 Share my number”.
auth-pw-login-ask-yota = Password login to the <b>Yota</b> cabinet. Type the account number, e.g. <code>400900800700</code>.
auth-pw-ask = 🔑 Type the password of <b>{ $login }</b> — the one you set in the cabinet or got by SMS. I delete the message with the password at once.
auth-rec-ask-megafon = <b>MegaFon</b> password recovery. Type the e-mail of the cabinet or the login — a phone number. E.g. <code>ivanov@company.ru</code> or <code>+7 916 123-45-67</code>.
auth-rec-ask-yota = <b>Yota</b> password recovery. Type the account number, e.g. <code>400900800700</code>.
auth-rec-channel-ask = Where should the one-time password for { $brand ->
        [yota] account { $login }
       *[megafon] login { $login }
    } go? Choose below: “📱 By SMS” or “✉️ By e-mail”.
auth-rec-sent-sms = 📩 If the details are right, a one-time password will come by SMS to the cabinet user's phone.
auth-rec-sent-email = 📩 If the details are right, a one-time password will come to the cabinet's e-mail.
auth-rec-code-ask = Type the one-time password — 6 digits, e.g. <code>123456</code>. It is valid for 10 minutes. After logging in you will set a permanent password.
auth-forced-ask =
    🔐 Choose a permanent password.

    8 to 64 characters, not the login and not a simple one like 12345678. E.g. <code>Zima-Sever-2026</code>. I delete the message with the password at once.
auth-forced-first = Set a permanent password first — the other sections open after that.
auth-password-set = ✅ Password saved. Other sessions of this login have ended.
auth-welcome = ✅ You are logged in: { $company }, { $role }.
auth-logged-out = 🚪 You have logged out of { $company }.
auth-login-cancelled = Login cancelled.
auth-session-expired = ⏳ Your session has expired: the cabinet was not used for 30 days, or you logged out elsewhere. Please log in again.
auth-text-needed = Text is needed here.
auth-code-already-sent = 📩 A code for this login was sent a moment ago — type it.
auth-locked-next = Until then codes and passwords are not accepted. Then log in again; if you do not remember the password, the login step has a “❓ Forgot password?” button.
auth-use-buttons = Choose with a button below: “📱 By SMS” or “✉️ By e-mail”.

## Errors of the domain (domain/auth.py, domain/codes.py, domain/passwords.py)

auth-password-too-short = The password is too short: at least { $min } { $min ->
    [one] character
   *[other] characters
}. E.g. <code>Zima-Sever-2026</code>.
auth-password-too-long = The password is too long: at most { $max } { $max ->
    [one] character
   *[other] characters
}.
auth-password-is-login = The password must not be or contain the login. E.g. <code>Zima-Sever-2026</code>.
auth-password-common = That password is too simple and is on the lists attackers try. Choose another, e.g. <code>Zima-Sever-2026</code>.
auth-password-same = The new password is the same as the old one. Choose another.
auth-password-not-forced = The password is already set. You can change it in the profile.
auth-password-old-wrong = The current password is wrong.
auth-bad-credentials = Wrong login or password.
auth-user-blocked = ⛔ This login is blocked by the operator. Ask your coordinator or support.
auth-code-format = The code is 6 digits, e.g. <code>123456</code>.
auth-code-wrong = Wrong code: { $left ->
        [one] { $left } try left
       *[other] { $left } tries left
    }.
auth-code-burned = This code no longer works: too many wrong tries. Press “🔁 New code”.
auth-code-expired = The code has expired or was already used. Press “🔁 New code”.
auth-code-pause = A new code can be sent in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
auth-code-limit = Too many codes in a row. The next one can be sent after { $until } (Moscow time).
auth-locked = 🔒 Too many failed attempts. Login is locked until { $until } (Moscow time) — { $minutes ->
        [one] { $minutes } more minute
       *[other] { $minutes } more minutes
    }.
auth-switch-expired = That login no longer works. Log in to it again.
auth-grant-yota = Access levels are given to MegaFon numbers; Yota logs in by account number.
auth-grant-coordinator = This number has a coordinator's level: only the operator changes it.

## SMS and e-mail (rendered by the notifier)

sms-login-code = Your cabinet login code: { $code }. Do not tell it to anyone.
sms-recovery-code = One-time password for the cabinet: { $code }. Valid for 10 minutes. Do not tell it to anyone.
email-recovery-code =
    Hello!

    Your one-time password for the corporate client cabinet: { $code }
    It is valid for 10 minutes. After logging in, set a permanent password.

    If you did not ask for it, just delete this e-mail.
email-recovery-code-subject = One-time password for the cabinet
sms-first-password = Your cabinet password (login { $login }): { $password }. Set your own password at the first login.
