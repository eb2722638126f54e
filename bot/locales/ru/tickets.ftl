## Support tickets (handlers/tickets.py, handlers/support_staff.py, domain/tickets.py)

tic-topic-billing = Счета и оплата
tic-topic-documents = Документы
tic-topic-sim = SIM-карты и номера
tic-topic-tariffs = Тарифы и услуги
tic-topic-quality = Качество связи
tic-topic-other = Другое
tic-topic-remote_service = Заявление на обслуживание

tic-status-new = новое
tic-status-in_progress = в работе
tic-status-waiting = ждём ответа клиента
tic-status-answered = есть ответ
tic-status-closed = закрыто
tic-icon-new = 🆕
tic-icon-in_progress = 🛠
tic-icon-waiting = ⏳
tic-icon-answered = ✅
tic-icon-closed = 🔒

## Creating
tic-ask-topic =
    💬 <b>Новое обращение</b> · шаг 1 из 5

    Выберите тему:
tic-ask-text =
    💬 <b>Новое обращение</b> · шаг 2 из 5
    Тема: { $topic }

    Опишите вопрос одним сообщением (до { $max } { $max ->
        [one] знака
       *[other] знаков
    }), например: <i>«С 1 ноября по счёту 300115473001 списывается абонентская плата за отключённую услугу»</i>.
    Файлы можно прислать сразу или на следующем шаге.
tic-current = Сейчас: { $value }
tic-ask-files =
    💬 <b>Новое обращение</b> · шаг 3 из 5

    Прикрепите файлы или фото — по одному или несколькими сразу, в любом порядке. Не больше { $limit } { $limit ->
        [one] файла
       *[other] файлов
    }, каждый до { $mb } МБ: изображения, PDF, документы Office, архивы.
    { $n ->
        [0] Когда закончите — нажмите кнопку ниже. Файлы не обязательны.
        [one] Принят { $n } файл. Ещё файлы — или нажмите «Готово».
        [few] Принято { $n } файла. Ещё файлы — или нажмите «Готово».
       *[many] Принято { $n } файлов. Ещё файлы — или нажмите «Готово».
    }
tic-file-taken = 📎 Файл «{ $name }» принят ({ $n } из { $limit }).
tic-file-refused =
    ❌ { $reason }
    Остальное сохранено ({ $n } из { $limit } { $limit ->
        [one] файла
       *[other] файлов
    }).
tic-files-text = Текст обращения уже записан. Сейчас пришлите файлы или нажмите кнопку под сообщением.
tic-file-kind = Сюда можно прислать текст, файл или фото. Стикеры, голосовые и видео не принимаются.
tic-ask-phone =
    💬 <b>Новое обращение</b> · шаг 4 из 5

    На какой номер прислать SMS, когда будет ответ? Нажмите кнопку со своим номером или напишите любой российский мобильный, например <code>+7 916 123-45-67</code>.
tic-summary =
    💬 <b>Проверьте обращение</b> · шаг 5 из 5

    <b>Тема:</b> { $topic }
    <b>Сообщение:</b>
    { $text }

    <b>Файлы ({ $n }):</b>
    { $files }

    <b>SMS об ответе:</b> { $phone }
tic-no-files = нет
tic-created =
    ✅ Обращение <b>{ $number }</b> зарегистрировано.

    Ответ придёт сюда, в чат, а SMS — на { $phone }. Следить за статусом можно в разделе «💬 Обращения».
tic-cancelled = ✖️ Обращение не отправлено, введённое сброшено.
tic-use-buttons = Выберите кнопкой под сообщением.

## The list
tic-list-title = { $n ->
        [0] 💬 <b>Обращения</b>
        [one] 💬 <b>Обращения</b> · { $n } обращение
        [few] 💬 <b>Обращения</b> · { $n } обращения
       *[many] 💬 <b>Обращения</b> · { $n } обращений
    }
tic-list-legend = 🆕 новое · 🛠 в работе · ⏳ ждём вашего ответа · ✅ есть ответ · 🔒 закрыто
tic-list-filter-status = Статус: { $status }
tic-list-filter-topic = Тема: { $topic }
tic-list-sorted-d = Сначала новые.
tic-list-sorted-s = По статусу: сначала те, что ждут вас.
tic-list-empty = Обращений пока нет. Создайте первое кнопкой ниже.
tic-list-none = Под эти условия обращений нет. Сбросьте фильтры или выберите другие.
tic-list-row = { $icon } { $number } · { $date } · { $topic }
tic-filter-status-title = Показать обращения со статусом:
tic-filter-topic-title = Показать обращения на тему:
tic-filter-all = Все

## The card
tic-card =
    💬 <b>Обращение { $number }</b>
    Тема: { $topic }
    Статус: <b>{ $status }</b>
    Создано: { $date } · { $author }
    SMS об ответе: { $phone }
tic-card-page = Переписка: стр. { $page } из { $pages } (всего сообщений: { $n })
tic-msg-client = 👤 <b>{ $name }</b>
tic-msg-staff = 🎧 <b>Поддержка</b> ({ $name })
tic-staff-default-name = оператор
tic-note-autoclosed = Обращение закрыто автоматически: ответа не было { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
}. Если вопрос остался, возобновите его или создайте новое.
tic-card-rating = Ваша оценка: { $rating } из 5 ⭐ { $comment }
tic-card-rate-invite = Оцените, как решён вопрос: кнопки со звёздами ниже.
tic-files-title = 📎 Файлы обращения { $number } ({ $n }). Нажмите файл — пришлю его сюда.
tic-ask-reply = ✍️ Напишите сообщение и/или пришлите файлы (до { $limit } { $limit ->
    [one] файла
   *[other] файлов
}, каждый до { $mb } МБ). Когда всё готово — нажмите «Отправить».
tic-reply-so-far =
    Текст: { $text }
    Файлов: { $n }
tic-reply-sent = Отправлено в поддержку.
tic-close-ask = Закрыть обращение { $number }? Возобновить его можно в течение 7 дней.
tic-closed =
    🔒 Обращение { $number } закрыто.

    Оцените, как решён вопрос — от 1 до 5 звёзд:
tic-reopened = Обращение { $number } снова в работе.
tic-ask-comment =
    Спасибо! Оценка { $rating } из 5 для { $number } сохранена.

    Хотите добавить комментарий? Напишите его одним сообщением или нажмите «Без комментария».
tic-ask-comment-short = Напишите комментарий к оценке текстом или нажмите «Без комментария».
tic-thanks = Спасибо за оценку!

## Buttons
tic-btn-new = ➕ Создать обращение
tic-btn-no-files = Без файлов →
tic-btn-files-done = ✅ Готово ({ $n })
tic-btn-my-phone = 📱 Мой номер: { $phone }
tic-btn-send = 📨 Отправить
tic-btn-open = 💬 Открыть обращение
tic-btn-list = 📋 Все обращения
tic-btn-filter-status = Статус ▾
tic-btn-filter-topic = Тема ▾
tic-btn-sort-d = ↕️ Сортировать по дате
tic-btn-sort-s = ↕️ Сортировать по статусу
tic-btn-reset = ✖️ Сбросить фильтры
tic-btn-files = 📎 Файлы ({ $n })
tic-btn-reply = ✍️ Ответить
tic-btn-close = 🔒 Закрыть
tic-btn-close-yes = 🔒 Да, закрыть
tic-btn-reopen = 🔄 Возобновить
tic-btn-back-list = ◀️ К списку
tic-btn-no-comment = Без комментария
tic-btn-all-files = 📥 Прислать эти файлы ({ $n })
tic-btn-reply-send = 📨 Отправить

## Errors
tic-file-missing = Файл «{ $name }» не пришёл целиком. Пришлите его ещё раз.
tic-file-too-big = Файл «{ $name }» не принят: он больше { $limit } МБ.
tic-file-type = Файл «{ $name }» не принят: такие файлы не берём. Можно изображения, PDF, документы Office (doc, docx, xls, xlsx, ppt, pptx, odt, rtf, txt, csv) и архивы (zip, rar, 7z).
tic-file-too-many = Больше { $limit } { $limit ->
    [one] файла
   *[other] файлов
} к одному сообщению прикрепить нельзя.
tic-text-short = Слишком коротко: опишите вопрос хотя бы в { $min } { $min ->
    [one] знак
    [few] знака
   *[many] знаков
}.
tic-text-long = Слишком длинно: { $length } { $length ->
    [one] знак
    [few] знака
   *[many] знаков
}, а можно до { $max }. Сократите текст или приложите его файлом.
tic-comment-empty = Комментарий пустой.
tic-comment-long = Комментарий длиннее { $max } { $max ->
    [one] знака
   *[other] знаков
} — сократите его.
tic-topic-unknown = Такой темы нет. Выберите тему кнопкой.
tic-too-many = Сегодня создано слишком много обращений (не больше { $limit } в сутки). Допишите в уже открытое.
tic-closed-reply = Обращение закрыто. Возобновите его, чтобы написать.
tic-reply-empty = Напишите текст или приложите файл.
tic-already-closed = Обращение уже закрыто.
tic-not-closed = Обращение не закрыто.
tic-reopen-late = Возобновить можно в течение { $days } { $days ->
    [one] дня
   *[other] дней
} после закрытия. Создайте новое обращение.
tic-rate-open = Оценить можно закрытое обращение.
tic-rated-already = Оценка уже поставлена.
tic-rating-range = Оценка — от 1 до 5.
tic-rate-first = Сначала поставьте оценку.

## Pushes and SMS
tic-push-reply-added = ✅ Добавлено в обращение { $number }: поддержка увидит ваше сообщение.
tic-push-reply =
    🎧 <b>Ответ по обращению { $number }</b>

    { $text }{ $long ->
        [1] { "\u000A" }✂️ Ответ длинный — { $length } { $length ->
            [one] знак
            [few] знака
           *[many] знаков
        }: здесь его начало. Целиком — по кнопке «📄 Прочитать целиком».
        [2] ✂️ Ответ длинный — { $length } { $length ->
            [one] знак
            [few] знака
           *[many] знаков
        }: целиком он в следующих сообщениях.
       *[0] { "" }
    }{ $files ->
        [0] { "" }
       *[other] { "\u000A" }📎 Файлов: { $files }
    }
tic-push-status = 💬 Обращение { $number }: статус «{ $status }».
tic-push-reminder = ⏳ По обращению { $number } мы ждём вашего ответа уже { $waited } { $waited ->
    [one] день
    [few] дня
   *[many] дней
}. Если ответа не будет ещё { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
}, обращение закроется.
tic-push-autoclosed = 🔒 Обращение { $number } закрыто: ответа не было { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
}. Его можно возобновить в течение { $reopen } { $reopen ->
    [one] дня
   *[other] дней
}.
tic-sms-answered = По обращению { $number } есть ответ. Откройте чат с ботом кабинета.
tic-file-caption = 📎 { $number } · { $name }

## The staff chat
tic-staff-new =
    🆕 <b>Обращение { $number }</b> · { $topic }
    🏢 { $company }, ИНН { $inn }
    👤 { $user } ({ $login }, { $role })
    📱 SMS: { $phone }

    { $text }{ $long ->
        [1] ✂️ Сообщение длинное — { $length } { $length ->
            [one] знак
            [few] знака
           *[many] знаков
        }: целиком оно в следующих сообщениях.
       *[0] { "" }
    }{ $files ->
        [0] { "" }
       *[other] { "\u000A" }📎 Файлов: { $files } (ниже)
    }

    Ответьте на это сообщение (reply), чтобы ответить клиенту.
tic-staff-client-message =
    💬 <b>{ $number }</b> · { $topic } · { $status }
    🏢 { $company } · 👤 { $user }

    { $text }{ $long ->
        [1] ✂️ Сообщение длинное — { $length } { $length ->
            [one] знак
            [few] знака
           *[many] знаков
        }: целиком оно в следующих сообщениях.
       *[0] { "" }
    }{ $files ->
        [0] { "" }
       *[other] { "\u000A" }📎 Файлов: { $files } (ниже)
    }
tic-staff-closed-by-client = 🔒 { $number }: клиент закрыл обращение.
tic-staff-reopened = 🔄 { $number }: клиент возобновил обращение.
tic-staff-rated = ⭐ { $number }: оценка клиента { $rating } из 5.
tic-staff-rating-comment = ⭐ { $number }: комментарий к оценке { $rating }: { $comment }
tic-staff-btn-in_progress = 🛠 В работе
tic-staff-btn-waiting = ⏳ Ждём клиента
tic-staff-btn-answered = ✅ Отвечено
tic-staff-btn-closed = 🔒 Закрыть
tic-staff-sent = ✅ Ответ по { $number } отправлен клиенту.
tic-staff-status-now = Статус сейчас: { $status ->
    [new] 🆕 новое
    [in_progress] 🛠 в работе
    [waiting] ⏳ ждём клиента
    [answered] ✅ отвечено
   *[closed] 🔒 закрыто
}
tic-staff-status-set = { $number }: { $status }
tic-staff-status-note = { $number }: статус «{ $status }» ({ $name }).
tic-staff-denied = ⛔ Отвечать на обращения могут только сотрудники поддержки, которых назначил оператор, и администраторы этого чата.
tic-staff-unknown = Обращение { $id } не найдено.
tic-staff-closed-reply = Обращение { $number } закрыто: сначала смените статус, потом отвечайте.
tic-staff-bad-status = Такой статус поставить нельзя.
tic-staff-same-status = У { $number } уже этот статус.

## The back-office (bot/admin_cli.py: tickets)
admin-tickets-none = Открытых обращений нет.
admin-tickets-row = #{ $id } { $number } · { $date } · { $status } · { $topic } · { $company }: { $text }
admin-tickets-card =
    Обращение { $number } · { $topic } · { $status }
    Создано: { $date } · { $author } · SMS: { $phone }
tic-phone-text = Номер для SMS нужен текстом или кнопкой.
tic-btn-keep-text = Оставить текст, дальше →
tic-text-part =
    📄 <b>{ $number }</b> · часть { $part } из { $parts }

    { $text }
tic-btn-whole = 📄 Показать целиком
tic-btn-read-whole = 📄 Прочитать целиком
tic-cut-card = ✂️ Показано начало: { $shown } из { $length } { $length ->
    [one] знака
   *[other] знаков
}. Целиком — по кнопке «📄 Показать целиком».
tic-cut-draft = ✂️ Здесь начало: { $shown } из { $length } { $length ->
    [one] знака
   *[other] знаков
}; сохранён весь текст.
tic-whole-head = 📄 <b>{ $number }</b> · { $who } · { $date }{ $parts ->
    [1] { "" }
   *[other] { " " }· часть { $part } из { $parts }
}
