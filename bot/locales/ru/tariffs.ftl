## Тарифы и услуги: каталог, карточки, смена тарифа и услуги для многих номеров

cat-home = 📶 <b>Тарифы и услуги</b>
    Смените тариф или подключите услугу сразу многим номерам: выберите тариф или услугу, затем номера, дату и уведомление. Каждое изменение — заказ в разделе «📋 Заказы и заявки».
cat-home-own = 📶 <b>Тарифы и услуги</b>
    Подключите или отключите услугу на своём номере: выберите услугу, затем дату. Тариф меняет координатор. Каждое изменение — заказ в разделе «📋 Заказы и заявки».
cat-btn-tariffs = 📶 Тарифы
cat-btn-services = 🧩 Услуги и опции
cat-btn-home = 📶 Тарифы и услуги
cat-tariffs-title = 📶 <b>Тарифы</b> · { $n }
    Выберите тариф, чтобы открыть карточку. Цены — абонентская плата в месяц.
cat-tariffs-none = Для ваших лицевых счетов сейчас нет тарифов.
cat-services-title = 🧩 <b>Услуги и опции</b> · { $n }
    Выберите услугу, чтобы открыть карточку. Цены — плата в месяц.
cat-services-none = Для ваших лицевых счетов сейчас нет услуг.
# $brand: "Yota · " when the company has accounts of both brands, else empty.
cat-item = { $name } · { $brand }{ $fee }
cat-brand = { $brand ->
    [megafon] МегаФон
    [yota] Yota
   *[other] { $brand }
}
cat-for-whom = { $type ->
    [postpaid] только для счетов с постоплатой
    [prepaid] только для счетов с авансовой системой
   *[any] для всех счетов { cat-brand }
}
cat-tariff-card = 📶 <b>{ $name }</b> · { cat-brand }
    💳 Абонентская плата: { $fee } в месяц
    📦 Что входит: { $description }
    👥 Для кого: { cat-for-whom }
    📱 Ваших номеров на тарифе: { $on }
cat-service-card = 🧩 <b>{ $name }</b> · { cat-brand }
    💳 Стоимость: { $fee } в месяц
    ℹ️ { $description }
    📱 Подключена на ваших номерах: { $on }
cat-service-incompatible = ⛔ Несовместима с тарифами: { $tariffs }. Для номеров на них подключить её нельзя, а перейти на них, пока услуга подключена, — тоже.
cat-service-compatible = ✅ Совместима со всеми тарифами { cat-brand }.
cat-tariff-gone = Этот тариф больше не предлагается.
cat-service-gone = Эта услуга больше не предлагается.
cat-btn-change-tariff = 🔁 Перейти на этот тариф
cat-btn-service-on = ➕ Подключить
cat-btn-service-off = ➖ Отключить

## Диалог изменения

cat-what = { $kind ->
    [change_tariff] Смена тарифа на «{ $name }»
    [service_on] Подключение услуги «{ $name }»
   *[service_off] Отключение услуги «{ $name }»
}
cat-pick = <b>{ cat-what }</b>
    Для каких номеров? Отметьте номера в списке или выберите группу, метку, лицевой счёт или все номера сразу.
cat-mode-list = ☑️ Отметить в списке
cat-mode-group = 👥 Группа сотрудников
cat-mode-label = 🏷 Метка
cat-mode-account = 🧾 Все номера лицевого счёта
cat-mode-all = 📱 Все номера ({ $n })
cat-numbers = <b>{ cat-what }</b>
    Отметьте номера ({ $total } всего). Отмечено: { $ticked }.
cat-btn-search = 🔎 Поиск
cat-btn-all-numbers = 📋 Весь список
cat-search-ask = 🔎 Напишите часть номера, имени, метки или группы, например <code>916 123</code>, <code>Иванов</code> или <code>VIP</code>. Отмеченные номера останутся отмеченными.
cat-search-too-long = Слишком длинный запрос: не больше { $max } { $max ->
    [one] символа
   *[other] символов
}.
cat-search-text-only = Нужен текст.
cat-numbers-found = 🔎 «{ $query }»: { $total ->
    [0] ничего не нашлось — попробуйте иначе или откройте весь список.
    [one] найден { $total } номер.
    [few] найдено { $total } номера.
   *[many] найдено { $total } номеров.
}
    Отмечено: { $ticked }.
cat-number = { $msisdn } · { $name }
cat-btn-picked = ✅ Готово: { orders-numbers }
cat-buckets-group = <b>{ cat-what }</b>
    Выберите группу — в заказ войдут все её номера.
cat-buckets-label = <b>{ cat-what }</b>
    Выберите метку — в заказ войдут все номера с ней.
cat-buckets-account = <b>{ cat-what }</b>
    Выберите лицевой счёт — в заказ войдут все его номера.
cat-buckets-none = Здесь пока пусто: выберите номера другим способом.
cat-bucket = { $name } · { orders-numbers }
cat-avail = <b>{ cat-what }</b>
    Выбрано: { orders-numbers }.
cat-avail-ok = ✅ Можно выполнить для { orders-numbers-gen }.
cat-avail-none = ⛔ Ни для одного из выбранных номеров это изменение недоступно. Выберите другие номера.
cat-avail-refused = ⚠️ { $n ->
    [one] Не подходит { $n } номер — он не войдёт в заказ:
    [few] Не подходят { $n } номера — они не войдут в заказ:
   *[many] Не подходят { $n } номеров — они не войдут в заказ:
}
cat-avail-refusal = { $msisdn } — { $reason }
cat-avail-more = … и ещё { orders-numbers }
cat-btn-next = Далее ▶️
cat-date = <b>{ cat-what }</b>
    С какой даты? Выберите кнопкой или напишите дату в виде ДД.ММ.ГГГГ, например { $example }.
cat-date-off = <b>{ cat-what }</b>
    С какой даты отключить (дата окончания)? Выберите кнопкой или напишите дату в виде ДД.ММ.ГГГГ, например { $example }.
cat-btn-today = Сегодня, { $date }
cat-btn-next-month = С 1-го числа следующего месяца, { $date }
cat-btn-calendar = 📅 Другая дата — календарь
cat-calendar = <b>{ cat-what }</b>
    📅 Выберите день в календаре (стрелками — другой месяц) или напишите дату, например <code>{ $example }</code>.
cat-btn-day = { $weekday ->
    [1] пн
    [2] вт
    [3] ср
    [4] чт
    [5] пт
    [6] сб
   *[7] вс
} { $date }
cat-date-past = Эта дата уже прошла: изменение может вступить в силу сегодня или позже.
cat-date-far = Заказ можно запланировать не больше чем на год вперёд.
cat-date-again = { $error }
    Пример: { $example }.
cat-notify = <b>{ cat-what }</b>
    Уведомить абонентов об изменении?
cat-btn-notify-none = 🔕 Не уведомлять
cat-btn-notify-sms = 💬 По SMS
cat-btn-notify-email = 📧 По e-mail
cat-notify-value = { $channel ->
    [sms] по SMS
    [email] по e-mail (у кого он указан)
   *[none] не уведомлять
}
cat-summary =
    📝 <b>Проверьте заказ</b>
    { cat-what }
    📱 Номеров: { $n }{ $refused ->
        [0] { "" }
        [one] { " " }({ $refused } не войдёт)
       *[other] { " " }({ $refused } не войдут)
    }
    🗓 Вступает в силу: { $date }
    🔔 Уведомить абонентов: { cat-notify-value }
    💳 Абонентская плата изменится на { $delta } в месяц
cat-summary-without-email = ✉️ Без e-mail { $n ->
    [one] { $n } номер: он не получит уведомление
    [few] { $n } номера: они не получат уведомление
   *[many] { $n } номеров: они не получат уведомление
}
cat-btn-apply = ✅ Применить
cat-none-available = Ни один из выбранных номеров сейчас не подходит: заказ не создан.
cat-placed = ✅ <b>Заказ № { $id } принят</b>
    { cat-what } · { orders-numbers }
    Статус: { orders-status }. Когда он будет выполнен, придёт уведомление.
cat-placed-again = ℹ️ Этот заказ уже принят: № { $id }. Повторно он не создаётся.
cat-cancelled = Изменение отменено, заказ не создан.
cat-expired = Этот диалог уже закрыт. Начните заново из раздела «📶 Тарифы и услуги».

## Почему номер не подходит (до заказа)

avail-reason-same-tariff = уже на этом тарифе
avail-reason-service-already-on = услуга уже подключена
avail-reason-service-not-on = услуга не подключена
avail-reason-overlap = уже есть открытый заказ № { $order } на это изменение
