## Profile: contact data, password, secret question, sessions, logins (handlers/profile.py)

profile-card =
    👤 <b>Profile</b>

    Login: <code>{ $login }</code>
    Company: { $company }
    Access level: { $role }
    E-mail: { $email }
    Phone for SMS: { $phone }
    Secret question: { $question }
profile-email-none = not given
profile-question-set = set
profile-question-none = not set
profile-btn-email = ✉️ Change e-mail
profile-btn-password = 🔐 Change password
profile-btn-question = ❓ Secret question
profile-btn-sessions = 📱 Telegram sessions
profile-btn-switch = 🔄 Switch login
profile-btn-logout = 🚪 Log out
profile-email-ask = Type the new e-mail, e.g. <code>ivanov@company.ru</code>. A confirmation code will go there.
profile-email-code-sent = 📩 The code went to { $email }.
profile-email-code-ask = Type the 6 digits from the e-mail, e.g. <code>123456</code>. The code is valid for 10 minutes.
profile-email-changed = ✅ E-mail changed: { $email }.
profile-email-same = That is the current e-mail. Type another, e.g. <code>ivanov@company.ru</code>.
profile-btn-phone = ☎️ SMS phone
profile-phone-ask = Type the new number for the cabinet's SMS (codes, passwords, notices), e.g. <code>+7 916 123-45-67</code>. A confirmation code will go to it.
profile-phone-code-sent = 📩 The code went by SMS to { $phone }.
profile-phone-code-ask = Type the 6 digits from the SMS, e.g. <code>123456</code>. The code is valid for 10 minutes.
profile-phone-changed = ✅ The phone for SMS is now { $phone }. The previous number was told.
profile-phone-same = That is the current number for SMS. Type another, e.g. <code>+7 916 123-45-67</code>.
profile-old-password-ask = 🔐 Type the current password — the one you log in with. I delete the message with the password at once.
profile-new-password-ask = Now choose a new password: 8 to 64 characters, not the login and not a simple one. E.g. <code>Leto-Yug-2027</code>. I delete the message at once.
profile-password-changed = ✅ Password changed. Other sessions of this login have ended.
profile-question-ask = Type a secret question, e.g. <code>Mother's maiden name?</code>
profile-answer-ask = Question: “{ $question }”. Now type the answer, e.g. <code>Smirnova</code>. I delete the message with the answer at once.
profile-question-saved = ✅ Secret question and answer saved.
profile-question-invalid = The question is { $min } to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>Mother's maiden name?</code>
profile-answer-invalid = The answer is { $min } to { $max } { $max ->
    [one] character
   *[other] characters
}, e.g. <code>Smirnova</code>.
profile-answer-in-question = The answer must not be seen in the question. Choose another question or answer.
profile-sessions-title = 📱 <b>Telegram sessions</b> of this login: { $count }. Moscow time.{ $count ->
        [1] {""}
       *[other] {" "}Do not recognise one? End it with the button below.
    }
profile-session-line = { $n }. Telegram ••{ $tg } — logged in { $created }, last active { $seen }{ $this ->
        [yes] {" "}(this session)
       *[no] {""}
    }
profile-btn-end-session = ✖️ End session { $n }
profile-switch-title = 🔄 <b>Your logins</b> in this Telegram. Switch without logging in again:
profile-switch-line = { $current ->
        [yes] ✅
       *[no] ▫️
    } { $company } — { $login }, { $role }
profile-btn-add-login = ➕ Add a login
profile-add-login-ask = Log in to one more cabinet — your logins stay. Choose the operator:

## E-mail (rendered by the notifier)

email-change-code =
    Hello!

    The code to confirm the new e-mail of the corporate client cabinet: { $code }
    It is valid for 10 minutes. If you did not change the e-mail, just delete this message.
email-change-code-subject = E-mail confirmation

## SMS (rendered by the notifier)

phone-change-code = The code to change the SMS phone of the corporate cabinet: { $code }. Valid for 10 minutes. Tell it to no one.
phone-changed-notice = The SMS phone of the corporate cabinet was changed to a number ending in { $tail }. If it was not you, change the password and call the operator.
