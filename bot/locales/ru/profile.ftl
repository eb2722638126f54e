## Profile: contact data, password, secret question, sessions, logins (handlers/profile.py)

profile-card =
    👤 <b>Профиль</b>

    Логин: <code>{ $login }</code>
    Компания: { $company }
    Уровень доступа: { $role }
    E-mail: { $email }
    Телефон для SMS: { $phone }
    Секретный вопрос: { $question }
profile-email-none = не указан
profile-question-set = задан
profile-question-none = не задан
profile-btn-email = ✉️ Изменить e-mail
profile-btn-password = 🔐 Сменить пароль
profile-btn-question = ❓ Секретный вопрос
profile-btn-sessions = 📱 Сеансы Telegram
profile-btn-switch = 🔄 Сменить вход
profile-btn-logout = 🚪 Выйти
profile-email-ask = Напишите новый e-mail, например <code>ivanov@company.ru</code>. На него придёт код подтверждения.
profile-email-code-sent = 📩 Код отправлен на { $email }.
profile-email-code-ask = Введите 6 цифр из письма, например <code>123456</code>. Код действует 10 минут.
profile-email-changed = ✅ E-mail изменён: { $email }.
profile-email-same = Это и есть текущий e-mail. Напишите другой, например <code>ivanov@company.ru</code>.
profile-btn-phone = ☎️ Телефон SMS
profile-phone-ask = Напишите новый номер для SMS кабинета (коды, пароли, уведомления), например <code>+7 916 123-45-67</code>. На него придёт код подтверждения.
profile-phone-code-sent = 📩 Код отправлен по SMS на { $phone }.
profile-phone-code-ask = Введите 6 цифр из SMS, например <code>123456</code>. Код действует 10 минут.
profile-phone-changed = ✅ Телефон для SMS изменён: { $phone }. На прежний номер отправлено уведомление.
profile-phone-same = Это и есть текущий номер для SMS. Напишите другой, например <code>+7 916 123-45-67</code>.
profile-old-password-ask = 🔐 Введите текущий пароль — тот, с которым входите в кабинет. Сообщение с паролем я сразу удалю из чата.
profile-new-password-ask = Теперь придумайте новый пароль: от 8 до 64 символов, не совпадает с логином и не из простых. Например: <code>Leto-Yug-2027</code>. Сообщение я сразу удалю.
profile-password-changed = ✅ Пароль изменён. Другие сеансы этого входа завершены.
profile-question-ask = Напишите секретный вопрос, например <code>Девичья фамилия матери?</code>
profile-answer-ask = Вопрос: «{ $question }». Теперь напишите ответ, например <code>Смирнова</code>. Сообщение с ответом я сразу удалю.
profile-question-saved = ✅ Секретный вопрос и ответ сохранены.
profile-question-invalid = Вопрос — от { $min } до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>Девичья фамилия матери?</code>
profile-answer-invalid = Ответ — от { $min } до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>Смирнова</code>.
profile-answer-in-question = Ответ не должен быть виден из вопроса. Придумайте другой вопрос или ответ.
profile-sessions-title = 📱 <b>Сеансы Telegram</b> этого входа: { $count }. Время московское.{ $count ->
        [1] {""}
       *[other] {" "}Не узнаёте сеанс — завершите его кнопкой ниже.
    }
profile-session-line = { $n }. Telegram ••{ $tg } — вход { $created }, активность { $seen }{ $this ->
        [yes] {" "}(этот сеанс)
       *[no] {""}
    }
profile-btn-end-session = ✖️ Завершить сеанс { $n }
profile-switch-title = 🔄 <b>Ваши входы</b> в этом Telegram. Переключайтесь без повторного входа:
profile-switch-line = { $current ->
        [yes] ✅
       *[no] ▫️
    } { $company } — { $login }, { $role }
profile-btn-add-login = ➕ Добавить вход
profile-add-login-ask = Войдите ещё в один кабинет — прежние входы сохранятся. Выберите оператора:

## E-mail (rendered by the notifier)

email-change-code =
    Здравствуйте!

    Код для подтверждения нового e-mail в личном кабинете корпоративного клиента: { $code }
    Он действует 10 минут. Если вы не меняли e-mail, просто удалите это письмо.
email-change-code-subject = Подтверждение e-mail

## SMS (rendered by the notifier)

phone-change-code = Код для смены телефона SMS в кабинете корпоративного клиента: { $code }. Действует 10 минут. Никому его не сообщайте.
phone-changed-notice = Телефон для SMS кабинета корпоративного клиента изменён на номер, оканчивающийся на { $tail }. Если это сделали не вы, смените пароль и обратитесь к оператору.
