## 📑 Документы: заказ счетов и счетов-фактур, акт сверки, история документов

doc-menu = 📑 <b>Документы</b>

    Закажите счета, счета-фактуры или акт сверки: документы готовятся в фоне, а когда будут готовы, придут сюда файлами (и на почту, если попросите).
doc-menu-view = 📑 <b>Документы</b>

    Здесь история документов по вашему номеру.
doc-menu-account = Лицевой счёт <b>{ $number }</b>: заказ документов и акт сверки начнутся с него.
doc-btn-quick-invoice = 🧾 Счёт за { $month }
doc-btn-order = 🧾 Заказать документы
doc-btn-recon = ⚖️ Акт сверки
doc-btn-history = 🗂 История документов
doc-btn-section = 📑 К документам
doc-btn-all = Отметить все
doc-btn-none = Снять все
doc-btn-next = Далее ({ $n ->
    [one] { $n } счёт
    [few] { $n } счёта
   *[many] { $n } счетов
}) ▶️
doc-btn-continue = Далее ▶️
doc-btn-type-period = ✍️ Ввести период
doc-btn-three-months = { $first } – { $last }
doc-btn-place = ✅ Заказать
doc-btn-order-docs = 📂 Документы заказа
doc-btn-open-order = 📂 Документы заказа № { $id }
doc-btn-filter = 🔎 Фильтр по виду
doc-btn-all-history = 🗂 Вся история
doc-btn-download = ⬇️ { $kind } { $account } { $period } { $format } { $made }
doc-btn-download-noperiod = ⬇️ { $kind } { $account } { $format } { $made }

doc-order-title = 🧾 <b>Заказ документов</b>
doc-recon-title = ⚖️ <b>Акт сверки</b>
doc-ask-accounts = Отметьте лицевые счета (доступно: { $total }, отмечено: { $n }).
doc-ask-period = За какой период? Выберите месяц или введите диапазон месяцев, например <code>{ $example }</code>.
doc-ask-period-typed = Введите период — один месяц или несколько подряд, например <code>{ $example }</code>.
doc-ask-kinds = Какие документы подготовить? Можно отметить несколько.
doc-ask-format = В каком формате?
doc-vat-pdf-only = ℹ️ Счёт-фактура готовится только в PDF, поэтому все документы этого заказа будут в PDF.
doc-ask-notify = Сообщить, когда документы будут готовы?
doc-ask-zip = Упаковать документы в zip-архив и отправить на e-mail?
doc-ask-protect = Защитить акт паролем и упаковать в архив? Пароль придёт только по SMS на номер { $phone }.

doc-kind-invoice_detailed = Счёт с детализацией
doc-kind-invoice = Счёт без детализации
doc-kind-vat_invoice = Счёт-фактура
doc-kind-reconciliation = Акт сверки
doc-kind-prepayment_invoice = Счёт на предоплату
doc-kind-short-invoice_detailed = Счёт (дет.)
doc-kind-short-invoice = Счёт
doc-kind-short-vat_invoice = С/ф
doc-kind-short-reconciliation = Акт сверки
doc-kind-short-prepayment_invoice = Предоплата
doc-kind-btn-invoice_detailed = Счёт-Д
doc-kind-btn-invoice = Счёт
doc-kind-btn-vat_invoice = С/ф
doc-kind-btn-reconciliation = Акт
doc-kind-btn-prepayment_invoice = Предопл.
doc-filter-all = Все виды
doc-fmt-pdf = PDF
doc-fmt-html = HTML
doc-notify-no = Не сообщать
doc-notify-sms = По SMS
doc-notify-email = По e-mail

doc-summary-title = 🧾 <b>Проверьте заказ документов</b>
doc-summary-title-recon = ⚖️ <b>Проверьте заказ акта сверки</b>
doc-sum-accounts = Лицевые счета ({ $n }): { $numbers }
doc-sum-period = Период: { $period }
doc-sum-kinds = Документы: { $kinds }
doc-sum-format = Формат: { $format }
doc-sum-zip-yes = Архив на e-mail: да
doc-sum-zip-no-email = Архив на e-mail: нет — e-mail не указан (добавьте его в «👤 Профиль»)
doc-no-email-note-recon = E-mail не указан ни у вас, ни у компании, поэтому уведомить по почте не получится. Добавить e-mail можно в «👤 Профиль».
doc-no-email-note = E-mail не указан ни у вас, ни у компании, поэтому уведомить по почте и прислать архив на e-mail не получится. Добавить e-mail можно в «👤 Профиль».
doc-err-no-email = E-mail не указан: добавьте его в «👤 Профиль» или выберите другой способ.
doc-err-no-phone-password = Пароль к архиву приходит только по SMS, а телефон для SMS не указан: добавьте его в «👤 Профиль» или закажите акт без пароля.
doc-err-no-phone = У вас не указан телефон для SMS: выберите другой способ уведомления.
doc-sum-zip-no = Архив на e-mail: нет
doc-sum-protect-yes = Пароль и архив: да
doc-sum-protect-no = Пароль и архив: нет
doc-sum-protect-no-phone = Пароль и архив: нет — телефон для SMS не указан (добавьте его в «👤 Профиль»)
doc-sum-notify = Уведомление: { $how }
doc-edit-accounts = ✏️ Счета
doc-edit-period = ✏️ Период
doc-edit-kinds = ✏️ Документы
doc-edit-format = ✏️ Формат
doc-edit-notify = ✏️ Уведомление
doc-edit-zip = ✏️ Архив
doc-edit-protect = ✏️ Пароль

doc-placed = ✅ Заказ № { $order } принят: { $n ->
    [one] { $n } документ. Документ готовится — пришлём его сюда, как только он будет готов.
    [few] { $n } документа. Документы готовятся — пришлём их сюда, как только они будут готовы.
   *[many] { $n } документов. Документы готовятся — пришлём их сюда, как только они будут готовы.
}
doc-placed-recon = ✅ Заказ № { $order } принят: акт сверки готовится. Пришлём его сюда, как только он будет готов.
doc-placed-again = Заказ № { $order } уже принят, второй не создан.

doc-err-period-format = Не понял период.
doc-err-period-order = Первый месяц периода позже последнего.
doc-err-period-future = Период ещё не закончился: документы готовятся за прошедшие месяцы, последний из них — { $last }.
doc-err-period-long = Период длиннее { $months } { $months ->
    [one] месяца
   *[other] месяцев
}.
doc-err-format = Этот формат не подходит для всех документов заказа: счёт-фактура готовится только в PDF.
doc-err-no-kinds = Отметьте хотя бы один документ.
doc-err-no-accounts = Отметьте хотя бы один лицевой счёт.
doc-err-too-many = Слишком много документов за раз ({ $n }, можно до { $max }): сократите период или число счетов.
doc-err-not-ready = Документ ещё не готов.

doc-history-title = 🗂 <b>История документов</b> · { $n ->
    [one] { $n } документ
    [few] { $n } документа
   *[many] { $n } документов
}
doc-history-order-title = 📂 <b>Документы заказа № { $order }</b>
doc-history-filter = Вид: { $kind }
doc-history-empty = Документов пока нет.
doc-history-row = <b>{ $kind }</b> № { $number } · { $format }
    ЛС { $account }{ $period }
    { $status }{ $order }
# The row's period and order, each with its separator; a document made at once (a prepayment
# invoice) has neither, and its row once read «· —» and «заказ № 0».
doc-history-period = {" "}· { $period }
doc-history-order = {" "}· заказ № { $order }
doc-status-queued = 🕓 В очереди
doc-status-making = ⚙️ Готовится
doc-status-ready = ✅ Готов
doc-status-sent = 📨 Отправлен
doc-status-failed = ❌ Ошибка
doc-file-caption = 📄 { $name }

doc-push-ready = 📑 Документы по заказу № { $order } готовы.
doc-push-partial = 📑 Документы по заказу № { $order } готовы частично: готово { $n }, с ошибкой { $failed }.
doc-push-failed = ❌ Документы по заказу № { $order } не удалось подготовить.
doc-files-caption = 📑 Документы по заказу № { $order }
doc-push-password-sent = 🔐 Пароль к архиву с актом сверки № { $number } (заказ № { $order }) отправлен по SMS на номер { $phone }. В чат мы его не присылаем и не храним.
doc-sms-password = Пароль к архиву с актом сверки № { $number }: { $password }
doc-sms-ready = Документы по заказу № { $order } готовы. Они в чате с ботом.
doc-email-subject = Документы по заказу № { $order }
doc-email-ready = Документы по заказу № { $order } готовы. Они в чате с ботом кабинета.
doc-email-files = Документы по заказу № { $order } — во вложении (zip-архив).
doc-order-status-new = 🕓 Принят, документов: { $total }
doc-order-status-scheduled = 🕓 Принят, документов: { $total }
doc-order-status-in_progress = ⚙️ Готовится: готово { $n } из { $total }
doc-order-status-completed = ✅ Выполнен: готово { $n } из { $total }
doc-order-status-partial = ⚠️ Выполнен частично: готово { $n } из { $total }
doc-order-status-failed = ❌ Не выполнен
doc-order-status-cancelled = ✖️ Отменён
