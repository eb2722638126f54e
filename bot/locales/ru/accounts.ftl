## Лицевые счета и деньги: баланс, карточка счёта, платежи, экспорт, статистика,
## счёт на предоплату, кешбэк, доставка документов, порог баланса

acc-brand-megafon = МегаФон
acc-brand-yota = Yota
acc-type-postpaid = постоплата
acc-type-prepaid = аванс
acc-accounts-count = { $n ->
    [one] { $n } лицевой счёт
    [few] { $n } лицевых счёта
   *[many] { $n } лицевых счетов
}

## Быстрый баланс

acc-balance-title = 💰 <b>Баланс лицевых счетов</b> · { acc-accounts-count }
acc-balance-below = ⚠️ Ниже порога: { $n }
acc-balance-row = <b>{ $number }</b> · { $brand }
    { $balance }
acc-balance-row-below = <b>{ $number }</b> · { $brand }
    ⚠️ { $balance } — ниже порога { $threshold }
acc-balance-credit = кредитный лимит { $limit }
acc-balance-none = У вас нет доступных лицевых счетов.
acc-btn-accounts = 🧾 Лицевые счета

## Список счетов и карточка

acc-list-title = 🧾 <b>Лицевые счета</b> · { acc-accounts-count }
    Выберите счёт, чтобы открыть карточку.
acc-list-item = { $number } · { $brand } · { $balance }
acc-list-item-below = ⚠️ { $number } · { $brand } · { $balance }
acc-btn-payments-many = 💳 Платежи по счетам
acc-btn-stats-all = 📊 Статистика
acc-btn-cashback = 🎁 Кешбэк

acc-card-title = 🧾 <b>Лицевой счёт { $number }</b> · { $brand }, { $type }
acc-card-company = 🏢 { $company }
acc-card-manager = 👤 Персональный менеджер: { $name }
acc-card-manager-contacts = { $contacts }
acc-card-no-manager = 👤 Персональный менеджер: не назначен
acc-card-balance = 💰 Текущий баланс: <b>{ $balance }</b>
acc-card-below = ⚠️ Ниже порога { $threshold }
acc-card-prev = Баланс предыдущего периода: { $balance }
acc-card-credit = Кредитный лимит: { $limit }
acc-card-charges-title = <b>Начисления за { $period }</b>
acc-card-charge-row = • { $category }: { $amount }
acc-card-charges-total = Итого: <b>{ $amount }</b>
acc-card-no-charges = Начислений в этом периоде пока нет.
acc-card-subscribers = { $n ->
    [one] 📱 { $n } номер на счёте
    [few] 📱 { $n } номера на счёте
   *[many] 📱 { $n } номеров на счёте
}
acc-btn-payments = 💳 Платежи
acc-btn-stats = 📊 Статистика
acc-btn-documents = 📑 Документы
acc-btn-prepay = 🧾 Счёт на предоплату
acc-btn-card-cashback = 🎁 Кешбэк: { $amount }
acc-btn-card-delivery = 📬 Доставка документов: { $method }
acc-btn-card-alert = 🔔 Порог баланса: { $threshold }
acc-btn-card-alert-off = 🔕 Порог баланса: выключен
acc-btn-to-accounts = 🧾 Все счета

acc-cat-calls = Звонки
acc-cat-sms = SMS
acc-cat-internet = Интернет
acc-cat-roaming = Роуминг
acc-cat-subscription = Абонентская плата
acc-cat-services = Услуги

acc-month-1 = январь
acc-month-2 = февраль
acc-month-3 = март
acc-month-4 = апрель
acc-month-5 = май
acc-month-6 = июнь
acc-month-7 = июль
acc-month-8 = август
acc-month-9 = сентябрь
acc-month-10 = октябрь
acc-month-11 = ноябрь
acc-month-12 = декабрь

## Платежи

acc-select-title = 💳 <b>Платежи и списания</b>
    Отметьте счета, по которым показать операции. Если ничего не отмечено — покажу все ({ $total }).
acc-btn-select-all = Отметить все
acc-btn-select-none = Снять все
acc-btn-show-selected = ▶️ Показать ({ $n })
acc-btn-show-all = ▶️ Показать по всем

acc-pay-title = 💳 <b>Платежи и списания</b>
acc-pay-accounts-all = Счета: все ({ $n })
acc-pay-accounts = Счета: { $numbers }
acc-pay-accounts-many = Счета: { $numbers } и ещё { $more }
acc-pay-period = Период: { $period }
acc-pay-period-all = Период: за всё время
acc-pay-types = Операции: { $types }
acc-pay-types-all = Операции: все
acc-pay-amount = Сумма: { $amount }
acc-pay-atype = Тип счёта: { $type }
acc-pay-summary = { $n ->
    [one] Найдена { $n } операция
    [few] Найдено { $n } операции
   *[many] Найдено { $n } операций
}
acc-pay-totals = Поступления: <b>{ $income }</b> · Списания: <b>{ $expense }</b>
acc-pay-empty = Операций с такими фильтрами нет. Измените фильтры или нажмите «Сбросить фильтры».
acc-pay-row = { $date } · { $number }{ $who }
    { $type } · <b>{ $amount }</b>{ $doc }
acc-pay-who = { " " }· { $msisdn }
acc-pay-doc = { " " }· № { $doc }

acc-op-bank_transfer = Платёж: безналичный
acc-op-card = Платёж: карта
acc-op-cashback = Платёж: кешбэк
acc-op-adjustment = Корректировка
acc-op-charge = Списание
acc-op-charge-cat = Списание: { $category }

acc-btn-period = 📅 Период
acc-btn-types = 🏷 Операции
acc-btn-amount = 💰 Сумма
acc-btn-atype = 🧾 Тип счёта
acc-btn-export = 📤 Экспорт
acc-btn-reset = ♻️ Сбросить фильтры
acc-btn-done = ✅ Готово
acc-btn-any-amount = Любая сумма

acc-quick-month = Этот месяц
acc-quick-last_month = Прошлый месяц
acc-quick-quarter = Квартал
acc-quick-year = Год
acc-quick-all = За всё время

acc-period-ask =
    📅 <b>Период</b>
    Выберите готовый вариант или введите даты через дефис (для одного дня — одну дату), например <code>{ $example }</code>.
acc-types-ask = 🏷 <b>Какие операции показать?</b>
    Ничего не отмечено — показываю все.
acc-atype-ask = 🧾 <b>Тип лицевого счёта</b>
acc-atype-any = Любой
acc-amount-ask =
    💰 <b>Сумма операции</b>
    Введите диапазон в рублях. Например:
    <code>1000-5000</code> — от 1 000 до 5 000 ₽
    <code>&gt;10000</code> — больше 10 000 ₽
    <code>&lt;500</code> — меньше 500 ₽
acc-amount-between = от { $low } до { $high }
acc-amount-from = от { $low }
acc-amount-above = больше { $low }
acc-amount-to = до { $high }
acc-amount-below = меньше { $high }
acc-amount-exact = ровно { $low }

acc-err-period-format =
    Не понял период «{ $value }». Введите две даты через дефис или одну дату, например <code>{ $example }</code>.
acc-err-period-date =
    В периоде «{ $value }» есть несуществующая дата. Проверьте день и месяц, например <code>{ $example }</code>.
acc-err-period-order =
    В периоде «{ $value }» начало позже конца. Сначала первая дата, потом последняя, например <code>{ $example }</code>.
acc-err-amount-format =
    Не понял сумму «{ $value }». Примеры: <code>1000-5000</code>, <code>&gt;10000</code>, <code>&lt;500</code>.
acc-err-amount-order =
    В диапазоне «{ $value }» первая сумма больше второй. Например: <code>1000-5000</code>.
acc-err-amount =
    Не понял сумму «{ $value }». Введите число в рублях, например <code>15000</code> или <code>15 000,50</code>.
acc-err-text-only = Здесь нужен текст. { $question }

## Экспорт

acc-export-ask = 📤 <b>Экспорт</b>: { $n ->
    [one] { $n } операция
    [few] { $n } операции
   *[many] { $n } операций
    } с текущими фильтрами. Выберите формат файла.
acc-export-progress = ⏳ Готовлю файл { $format }… { $percent } %
acc-export-done = ✅ Файл { $format } готов: { $n ->
    [one] { $n } строка
    [few] { $n } строки
   *[many] { $n } строк
    }.
acc-export-caption = 📤 Платежи и списания: { $n ->
    [one] { $n } операция
    [few] { $n } операции
   *[many] { $n } операций
    }
    Поступления: { $income } · Списания: { $expense }
acc-export-failed = ⚠️ Не удалось подготовить файл. Попробуйте ещё раз через минуту.
acc-export-empty = По выбранным фильтрам операций нет — файл был бы пустым. Измените фильтры.
acc-export-busy = ⏳ Предыдущий файл ещё готовится. Дождитесь его, пожалуйста.

# The column headings of the exported files (xlsx, csv, txt).
acc-export-col-when = Дата и время (МСК)
acc-export-col-account = Лицевой счёт
acc-export-col-operation = Операция
acc-export-col-amount = Сумма, ₽
acc-export-col-document = Номер документа
acc-export-col-description = Описание

## Статистика

acc-stats-view-cat = Категории
acc-stats-view-acc = Счета
acc-stats-view-num = Номера
acc-btn-own-period = ✍️ Свой период
acc-stats-caption-title = 📊 <b>Расходы за { $period }</b>
acc-stats-total = Всего: <b>{ $amount }</b>
acc-stats-top-category = Больше всего: { $category } — { $amount } ({ $share } %)
acc-stats-top-account = Самый затратный счёт: { $number } — { $amount } ({ $share } %)
acc-stats-top-number = Самый затратный номер: { $number }{ $name } — { $amount }
acc-stats-numbers = { $n ->
    [one] Начисления по { $n } номеру
   *[other] Начисления по { $n } номерам
    }, в среднем { $avg } на номер
acc-stats-empty = За этот период начислений нет.
acc-stats-period-ask =
    📅 Введите период статистики через дефис, например <code>{ $example }</code>.

## Счёт на предоплату

acc-prepay-ask =
    🧾 <b>Счёт на предоплату</b> по лицевому счёту { $number }
    Введите сумму в рублях (с НДС). Например: <code>15000</code> или <code>15 000,50</code>
acc-prepay-done = ✅ Счёт на предоплату № { $doc } на { $amount }, в т. ч. НДС { $vat_percent } % — { $vat }.
acc-prepay-caption = 🧾 Счёт на предоплату № { $doc } · { $amount }
acc-err-prepay-range = Сумма счёта — от { $min } до { $max }. Введите другую сумму, например <code>15000</code>.

## Кешбэк

acc-cashback-overview-title = 🎁 <b>Кешбэк по лицевым счетам</b>
    Всего накоплено: <b>{ $total }</b>
acc-cashback-overview-row = { $number } · { $amount }
acc-cashback-title = 🎁 <b>Кешбэк по счёту { $number }</b>
    Накоплено: <b>{ $amount }</b>
acc-cashback-history = <b>История</b>
acc-cashback-accrual = { $date } · начислено +{ $amount }
acc-cashback-spend = { $date } · списано на баланс −{ $amount }
acc-cashback-no-history = Операций с кешбэком пока не было.
acc-btn-cashback-spend = 💸 Потратить на баланс счёта
acc-cashback-ask =
    Сколько рублей кешбэка зачислить на баланс счёта { $number }? Доступно: { $amount }.
    Введите сумму, например <code>500</code>, или «все».
acc-cashback-confirm = Зачислить <b>{ $amount }</b> кешбэка на баланс счёта { $number }?
acc-btn-confirm = ✅ Подтвердить
acc-cashback-done = ✅ Зачислено { $amount }. Баланс счёта { $number }: { $balance }. Остаток кешбэка: { $left }.
acc-cashback-cancelled = Списание кешбэка отменено.
acc-err-cashback-amount = Сумма должна быть больше нуля. Например: <code>500</code>.
acc-err-cashback-not-enough = Столько кешбэка нет: доступно { $available }. Введите сумму не больше.
acc-err-cashback-more = Столько кешбэка нет: доступно { $available }. Введите сумму не больше, например <code>500</code>.
acc-err-cashback-none = На этом счёте нет кешбэка.

## Доставка документов

acc-delivery-title =
    📬 <b>Доставка документов</b> по счёту { $number }
    Сейчас: <b>{ $method }</b>
acc-delivery-email-to = Письма уходят на { $email }.
acc-delivery-email-missing = E-mail компании не указан — документы будут только в чате. Укажите e-mail в профиле.
acc-delivery-edo-note = Документы придут через оператора ЭДО, подписанные электронной подписью.
acc-delivery-email = E-mail
acc-delivery-edo = ЭДО
acc-delivery-saved = ✅ Способ доставки сохранён: { $method }.

## Порог баланса

acc-alert-title =
    🔔 <b>Уведомление о низком балансе</b> по счёту { $number }
    Баланс: { $balance }
acc-alert-on = Порог: <b>{ $threshold }</b>. Когда баланс опустится ниже, координаторы получат уведомление — один раз, и снова только после пополнения.
acc-alert-off-state = Уведомление выключено.
acc-btn-alert-set = ✍️ Задать порог
acc-btn-alert-off = 🔕 Выключить
acc-alert-ask =
    🔔 <b>Порог баланса</b> для счёта { $number }
    Введите сумму в рублях, например <code>5000</code>. Когда баланс станет меньше, координаторы получат уведомление.
acc-alert-saved = ✅ Порог сохранён: { $threshold }.
acc-alert-disabled = 🔕 Уведомление о низком балансе выключено.
acc-err-threshold-range = Порог должен быть больше нуля и не больше { $max }. Например: <code>5000</code>.
acc-alert-low-balance =
    ⚠️ <b>Низкий баланс</b>
    Лицевой счёт { $account }: { $balance } — ниже порога { $threshold }.
    Пополните счёт, чтобы связь не прервалась: /balance
acc-ask-prepay-short = Введите сумму счёта в рублях, например <code>15000</code>.
acc-ask-cashback-short = Введите сумму кешбэка в рублях, например <code>500</code>, или «все».
acc-ask-period-short = Введите период, например <code>{ $example }</code>.
acc-ask-amount-short = Введите сумму, например <code>1000-5000</code>, <code>&gt;10000</code> или <code>&lt;500</code>.
acc-ask-threshold-short = Введите порог в рублях, например <code>5000</code>.

## The spending chart (an image: plain text, no HTML)
acc-chart-title-cat = Расходы по категориям, { $first } – { $last }
acc-chart-title-acc = Расходы по лицевым счетам, { $first } – { $last }
acc-chart-title-num = Расходы по номерам: первые 10, { $first } – { $last }
acc-chart-rest-accounts = Остальные счета ({ $n })
acc-chart-rest-numbers = Остальные номера ({ $n })
acc-chart-no-number = Начисления на счёт
acc-chart-total = Итого: { $amount } ₽
acc-chart-empty = Нет начислений за период

## Texts written into rows (stored in Russian, as billing's are)
acc-row-cashback-to-balance = Зачисление на баланс лицевого счёта { $number }
acc-row-cashback-payment = Оплата кешбэком
