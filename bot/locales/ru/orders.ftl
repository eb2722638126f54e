## Заказы и заявки: статусы, типы, пуши о выполнении, уведомления абонентам, причины отказа сети

orders-numbers = { $n ->
    [one] { $n } номер
    [few] { $n } номера
   *[many] { $n } номеров
}
# После «из», «для»: родительный падеж.
orders-numbers-gen = { $n ->
    [one] { $n } номера
   *[other] { $n } номеров
}

orders-accounts = { $n ->
    [one] { $n } лицевой счёт
    [few] { $n } лицевых счёта
   *[many] { $n } лицевых счетов
}
# Что в заказе: номера, а у заказа документов — лицевые счета.
orders-items = { $kind ->
    [documents] { orders-accounts }
    [reconciliation] { orders-accounts }
   *[other] { orders-numbers }
}

orders-kind = { $kind ->
    [change_tariff] Смена тарифа
    [service_on] Подключение услуги
    [service_off] Отключение услуги
    [replace_sim] Замена SIM-карты
    [attach_sim] Привязка личной SIM-карты
    [block] Блокировка номера
    [unblock] Разблокировка номера
    [forwarding] Переадресация
    [documents] Заказ документов
    [reconciliation] Акт сверки
   *[other] Заказ
}

orders-status = { $status ->
    [new] 🆕 Принят
    [scheduled] 🗓 Запланирован
    [in_progress] ⏳ Выполняется
    [completed] ✅ Успешно завершён
    [partial] ⚠️ Выполнен частично
    [failed] ❌ Ошибка
    [cancelled] ✖️ Отменён
   *[other] { $status }
}

orders-item-status = { $status ->
    [pending] ⏳ ожидает
    [done] ✅ выполнено
    [failed] ❌ ошибка
   *[other] { $status }
}

orders-btn-open = 📋 К заказу № { $id }

orders-push-finished = { orders-status } — заказ № { $id }
    { orders-kind }: выполнено для { $done } из { orders-numbers-gen }{ $failed ->
        [0] .
       *[other] , ошибок: { $failed }.
    }
orders-push-reminder = 🗓 Завтра, { $date }, вступает в силу заказ № { $id }
    { orders-kind } для { orders-numbers-gen }.
    Запланированный заказ можно отменить до начала выполнения.

orders-subscriber-notice-subject = Изменения на вашем номере
orders-subscriber-notice = { $kind ->
    [change_tariff] На номере { $msisdn } с { $date } действует тариф «{ $tariff_name }».
    [service_on] На номере { $msisdn } с { $date } подключена услуга «{ $service_name }».
    [service_off] На номере { $msisdn } с { $date } отключена услуга «{ $service_name }».
    [block] Номер { $msisdn } заблокирован с { $date }.
    [unblock] Номер { $msisdn } разблокирован с { $date }.
    [replace_sim] Для номера { $msisdn } выполнена замена SIM-карты.
    [forwarding] На номере { $msisdn } изменена переадресация вызовов.
   *[other] На номере { $msisdn } выполнен заказ вашей компании.
}

## Почему сеть отказала номеру

network-reason-removed = номер отключён от обслуживания
network-reason-pending = номер ещё не подтверждён владельцем
network-reason-blocked = номер заблокирован
network-reason-tariff-withdrawn = тариф больше не предлагается
network-reason-service-withdrawn = услуга больше не предлагается
network-reason-brand = недоступно для лицевых счетов этого оператора (МегаФон / Yota)
network-reason-account-type = недоступно для этого типа лицевого счёта
network-reason-service-conflict = несовместимо с услугой, подключённой на номере
network-reason-tariff-conflict = несовместимо с тарифом номера
network-reason-internal = техническая ошибка сети, заказ не выполнен

## Раздел «Заказы и заявки»

orders-title = 📋 <b>Заказы и заявки</b> · { $n }
orders-filter-line = Фильтр: { $status } · { $kind }
orders-filter-status = { $value ->
    [open] в работе
    [done] успешно завершённые
    [problem] с ошибками
    [cancelled] отменённые
   *[any] все статусы
}
orders-filter-kind-any = все типы
orders-none-yet = Заказов пока нет. Здесь появятся смена тарифа, подключение услуг, замена SIM, блокировка и заказы документов.
orders-empty = Заказов с такими условиями нет.
orders-list-hint = Нажмите на заказ, чтобы открыть его карточку: номера, даты, итог.
    { $marks }
# A button of the list: the status's mark only, so that it fits a phone's width.
orders-status-mark = { $status ->
    [new] 🆕
    [scheduled] 🗓
    [in_progress] ⏳
    [completed] ✅
    [partial] ⚠️
    [failed] ❌
    [cancelled] ✖️
   *[other] •
}
orders-btn-row = № { $id } · { orders-kind } { orders-status-mark }
orders-btn-filters = 🔎 Фильтры
orders-btn-show = Показать
orders-filters = 🔎 <b>Фильтры заказов</b>
    Выберите статус и тип, затем нажмите «Показать».
orders-card-title = 📋 <b>Заказ № { $id }</b> · { $subject }
orders-card-created = Создан: { $at }
orders-card-effective = Вступает в силу: { $date }
orders-card-status = Статус: { orders-status }
orders-card-completed = Выполнен: { $at }
orders-card-reason = Причина: { $reason }
orders-card-counts = { orders-items }: ✅ { $done } · ❌ { $failed } · ⏳ { $pending }
orders-card-item = { $who } — { orders-item-status }
orders-item-account = Лицевой счёт { $number }
orders-btn-documents = 📂 Документы заказа
orders-reason-documents-failed = документ не удалось подготовить
orders-btn-cancel = ✖️ Отменить заказ
orders-btn-cancel-yes = ✖️ Да, отменить
orders-btn-cancel-no = ◀️ Не отменять
orders-btn-list = 📋 К списку заказов
orders-cancel-ask = Отменить заказ № { $id } ({ $subject })? Он ещё не начал выполняться; после отмены ничего не изменится.
orders-cancelled = ✖️ Заказ № { $id } отменён.
orders-not-found = Заказ не найден.
orders-cancel-too-late = Отменить уже нельзя: заказ начал выполняться или уже завершён.
