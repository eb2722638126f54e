## Сотрудники и их номера: список, карточка, добавление и удаление, группы, метки, лимиты,
## доступ, «Мой номер»

sub-numbers = { $n ->
    [one] { $n } номер
    [few] { $n } номера
   *[many] { $n } номеров
}

## Список

sub-list-title = 👥 <b>Сотрудники и номера</b> · { sub-numbers }
sub-list-none = Номеров пока нет. Добавьте сотрудника кнопкой «➕ Добавить».
sub-list-empty = Ничего не нашлось. Измените запрос или нажмите «✖️ Сбросить поиск».
sub-filter-query = 🔎 Поиск: «{ $query }»
sub-filter-group = 👥 Группа: { $group }
sub-filter-label = 🏷 Метка: { $label }
sub-search-ask = 🔎 Напишите часть номера, имени, метки или группы, например <code>916 123</code>, <code>Иванов</code> или <code>VIP</code>.
sub-sel-hint = Отметьте номера и нажмите «Готово». Отмечено: { $n }.
sub-sel-empty = Сначала отметьте хотя бы один номер.
sub-btn-search = 🔎 Поиск
sub-btn-reset = ✖️ Сбросить поиск
sub-btn-add = ➕ Добавить
sub-btn-select = ☑️ Выбрать несколько
sub-btn-groups = 👥 Группы
sub-btn-groups-view = 👥 Группы
sub-btn-labels = 🏷 Метки
sub-btn-sel-all = ☑️ Все найденные
sub-btn-sel-none = ⬜ Снять все
sub-btn-sel-done = ✅ Готово · { $n }
sub-btn-sel-group-add = ✅ Добавить в группу · { $n }
sub-btn-sel-group-drop = ✅ Убрать из группы · { $n }
sub-btn-to-list = 📋 К списку
sub-btn-to-card = ◀️ К карточке

## Действия с несколькими номерами

sub-bulk-title = Отмечено: { sub-numbers }. Что сделать?
sub-btn-bulk-label-add = 🏷 Добавить метку
sub-btn-bulk-label-rm = 🏷 Снять метку
sub-btn-bulk-group = 👥 В группу
sub-btn-bulk-ungroup = 👥 Убрать из групп
sub-btn-bulk-remove = 🗑 Удалить ({ $n })
sub-bulk-label-pick = Какую метку снять с отмеченных номеров?
sub-bulk-group-pick = В какую группу перенести отмеченные номера?
sub-remove-many-ask = Удалить из списка сотрудников { $n ->
    [one] { $n } номер? Его метки, группа и доступ в кабинет будут сняты; номер останется за компанией.
    [few] { $n } номера? Их метки, группы и доступ в кабинет будут сняты; номера останутся за компанией.
   *[many] { $n } номеров? Их метки, группы и доступ в кабинет будут сняты; номера останутся за компанией.
}
sub-removed = 🗑 Удалено: { sub-numbers }.
sub-removed-none = Эти номера уже удалены — ничего не изменилось.

## Карточка

sub-card-title = 📱 <b>{ $number }</b>
sub-card-name = 👤 { $name }
sub-card-position = Должность: { $position }
sub-status-active = Статус: 🟢 активен
sub-status-blocked = Статус: ⛔ заблокирован
sub-status-pending = Статус: ⏳ ожидает подтверждения по SMS
sub-status-removed = Статус: ✖️ удалён
sub-card-block-reason = Причина блокировки: { $reason }
sub-card-account = Лицевой счёт: { $account }
sub-card-tariff = Тариф: { $tariff }
sub-card-pending-note = Тариф, услуги и расходы номера появятся здесь, когда его подтвердят кодом из SMS.
sub-card-services = Услуги: { $services }
sub-card-no-services = Услуги: нет подключённых
sub-card-limit = Расходы в этом месяце: { $spent } из лимита { $limit } ({ $percent } %)
sub-card-spent = Расходы в этом месяце: { $spent } · лимит не задан
sub-card-barred = 🚫 Исходящие платные действия приостановлены: лимит исчерпан.
sub-card-labels = 🏷 Метки: { $labels }
sub-card-group = Группа: { $group }
sub-card-email = E-mail: { $email }
sub-card-comment = Комментарий: { $comment }
sub-card-level = Доступ в кабинет: { $level }
sub-card-level-none = нет
sub-card-fwd = ↪️ Переадресация:
sub-card-fwd-none = ↪️ Переадресация: нет
sub-fwd-rule = • { $type } → { $target }
sub-fwd-suspended = (приостановлена)
sub-fwd-uncond-note = Пока включена безусловная переадресация, остальные приостановлены.
sub-fwd-type-unconditional = всегда (безусловная)
sub-fwd-type-busy = если занято
sub-fwd-type-no_answer = если нет ответа
sub-fwd-type-unreachable = если недоступен
sub-btn-photo = 🖼 Фото
sub-btn-code = 🔑 Ввести код
sub-btn-resend = 🔁 Новый код
sub-btn-edit = ✏️ Личные данные
sub-btn-labels-one = 🏷 Метки
sub-btn-limit = 💳 Лимит расходов
sub-btn-forwarding = ↪️ Переадресация
sub-btn-manage = ⚙️ Управление номером
sub-btn-access = 🔐 Доступ в кабинет
sub-btn-remove = 🗑 Удалить сотрудника
sub-no-photo = У сотрудника нет фото.
sub-photo-caption = { $name } · { $number }
sub-err-removed = Этот номер удалён из списка сотрудников.

## «Мой номер»

sub-mine-number_manager = 🔧 Ваш уровень — «управление номером»: вы можете настроить переадресацию этого номера; услуги меняются в разделе «Тарифы и услуги». Тариф, лимит, блокировку и SIM-карту меняет координатор.
sub-mine-viewer = 👁 Ваш уровень — «только просмотр»: здесь можно смотреть данные номера, но ничего менять нельзя. Изменения делает координатор.

## Добавление сотрудника

sub-add-name-ask = ➕ <b>Новый сотрудник</b> · шаг 1 из 4
    Напишите фамилию и имя сотрудника, например <code>Иванов Иван</code>.
sub-add-number-ask = Шаг 2 из 4. Напишите номер сотрудника, например <code>+7 916 123-45-67</code>.
    Номер вашей компании станет активным сразу; на другой номер придёт SMS с кодом подтверждения.
sub-add-photo-ask = Шаг 3 из 4. Пришлите фото сотрудника (необязательно) или нажмите «Пропустить».
sub-add-comment-ask = Шаг 4 из 4. Напишите комментарий, например <code>склад, вторая смена</code>, или нажмите «Пропустить».
sub-add-summary = ➕ <b>Проверьте данные сотрудника</b>
sub-add-photo-yes = Фото: есть
sub-add-photo-no = Фото: нет
sub-add-own = ✅ Номер вашей компании — станет активным сразу.
sub-add-foreign = 📩 Номер не из вашей компании: на него придёт SMS с кодом; до подтверждения он будет «ожидает подтверждения».
sub-add-stale = Эта кнопка устарела. Откройте раздел заново.
sub-btn-skip = ⏭ Пропустить
sub-btn-create = ✅ Создать
sub-btn-other-account = 🔁 Другой лицевой счёт
sub-added-active = ✅ Сотрудник добавлен, номер { $number } активен.
sub-add-later = ⏸ Сотрудник пока не добавлен, SMS не отправлено: { $reason } Данные сохранены — нажмите «✅ Создать» ещё раз после этого времени.
sub-added-pending = 📩 Сотрудник добавлен. На номер { $number } отправлено SMS с кодом: номер станет активным, когда код подтвердят по ссылке из SMS или вы введёте его здесь («🔑 Ввести код»).
sub-err-name = Имя — от { $min } до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>Иванов Иван</code>.
sub-err-comment = Комментарий — до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>склад, вторая смена</code>.
sub-err-photo = Здесь нужно фото (как картинка, не файлом).
sub-err-number-foreign = Этот номер обслуживается у другого клиента — добавить его нельзя. Напишите другой номер, например <code>+7 916 123-45-67</code>.
sub-err-number-listed = Этот номер уже в списке сотрудников ({ $name }). Напишите другой номер, например <code>+7 916 123-45-67</code>.
sub-err-number-pending = Этот номер уже добавлен и ждёт подтверждения по SMS. Откройте его карточку, чтобы ввести код.
sub-err-remove-self = Свой собственный номер удалить нельзя.
sub-err-text-only = Здесь нужен текст. { $question }
sub-err-text = Напишите ответ текстом.

## Подтверждение номера

sub-sms-confirm = Код { $code } — подтверждение номера для «{ $company }» в кабинете МегаФон Бизнес. Откройте ссылку, чтобы подтвердить: { $link } — или сообщите код координатору.
sub-code-ask = 🔑 Напишите 6 цифр кода из SMS сотрудника, например <code>123456</code>.
sub-code-resent = 📩 Новый код отправлен на { $number }.
sub-confirmed = ✅ Номер { $number } подтверждён и активен.
sub-confirmed-link = ✅ Спасибо! Номер подтверждён и подключён к кабинету «{ $company }».
sub-err-link = Ссылка подтверждения не подходит: номер уже подтверждён или ссылка неполная. Попросите координатора отправить новый код.
sub-err-not-pending = Этот номер уже подтверждён.

## Удаление одного

sub-remove-one-ask = Удалить из списка сотрудников { $name } ({ $number })? Метки, группа и доступ в кабинет будут сняты; номер останется за компанией.

## Личные данные

sub-edit-title = ✏️ <b>Личные данные</b> · { $number }
    Что изменить?
sub-btn-edit-name = 👤 Имя
sub-btn-edit-comment = 💬 Комментарий
sub-btn-edit-email = ✉️ E-mail
sub-btn-edit-photo = 🖼 Фото
sub-edit-name-ask = Напишите новое имя, например <code>Иванов Иван</code>.
sub-edit-comment-ask = Напишите комментарий, например <code>склад, вторая смена</code>, или «-», чтобы убрать его.
sub-edit-email-ask = Напишите e-mail, например <code>ivanov@company.ru</code>, или «-», чтобы убрать его.
sub-edit-photo-ask = Пришлите новое фото сотрудника.
sub-saved = ✅ Сохранено.

## Лимит расходов

sub-limit-screen = 💳 <b>Лимит расходов</b> · { $number }
    Лимит в месяц: { $limit }
    Потрачено в этом месяце: { $spent } ({ $percent } %)
    При 80 % и 100 % координатор получит уведомление.
sub-limit-none = 💳 <b>Лимит расходов</b> · { $number }
    Лимит не задан. Потрачено в этом месяце: { $spent }.
sub-limit-blocks-yes = При 100 % исходящие платные действия будут приостановлены.
sub-limit-blocks-no = При 100 % номер продолжит работать, придёт только уведомление.
sub-btn-limit-set = 💳 Задать лимит
sub-btn-limit-change = ✏️ Изменить лимит
sub-btn-limit-blocks-on = ☑️ Приостанавливать исходящие при 100 %
sub-btn-limit-blocks-off = ⬜ Приостанавливать исходящие при 100 %
sub-btn-limit-off = 🗑 Убрать лимит
sub-limit-ask = Напишите лимит в рублях на месяц, например <code>3000</code> или <code>2 500,50</code>.
sub-limit-saved = ✅ Лимит сохранён.
sub-limit-removed = ✅ Лимит убран.
sub-err-limit-range = Лимит — от 1 ₽ до { $max }, например <code>3000</code>.
sub-push-limit-80 = ⚠️ Номер { $number } ({ $name }) израсходовал { $percent } % лимита: { $spent } из { $limit }.
sub-push-limit-100 = 🔴 Номер { $number } ({ $name }) исчерпал лимит: { $spent } из { $limit }.
sub-push-limit-barred = 🔴 Номер { $number } ({ $name }) исчерпал лимит: { $spent } из { $limit }. Исходящие платные действия приостановлены до следующего месяца или нового лимита.

## Доступ в кабинет

sub-access-screen = 🔐 <b>Доступ в кабинет</b> · { $number }
    Сейчас: { $level }
    Выданный уровень получит пароль по SMS на этот номер; при первом входе его нужно сменить.
sub-btn-grant = Выдать: { $role }
sub-btn-revoke = ⛔ Забрать доступ
sub-grant-ask = Выдать номеру { $number } уровень «{ $role }» и отправить пароль по SMS?
sub-revoke-ask = Забрать доступ в кабинет у этого номера? Его сеансы сразу закончатся.
sub-granted = ✅ Уровень выдан, пароль отправлен по SMS.
sub-grant-already = Этот уровень уже выдан — пароль отправлен раньше.
sub-revoked = ✅ Доступ забран.
sub-revoked-none = У этого номера нет доступа в кабинет — ничего не изменилось.

## Группы

sub-groups-title = 👥 <b>Группы сотрудников</b> · { $n }
sub-groups-none = Групп пока нет.
sub-group-card = { $icon } <b>{ $name }</b>
    Цвет: { $color }
    В группе: { sub-numbers }
sub-btn-group-new = ➕ Новая группа
sub-btn-group-members = 📋 Участники
sub-btn-group-add = ➕ Добавить
sub-btn-group-drop = ➖ Убрать
sub-btn-group-rename = ✏️ Переименовать
sub-btn-group-look = 🎨 Значок и цвет
sub-btn-group-delete = 🗑 Удалить группу
sub-group-name-ask = Напишите название группы, например <code>Отдел продаж</code>.
sub-group-icon-ask = Выберите значок группы.
sub-group-color-ask = Выберите цвет группы.
sub-group-created = ✅ Группа создана.
sub-group-delete-ask = Удалить группу «{ $name }»? Сотрудники останутся, просто без группы.
sub-group-deleted = ✅ Группа удалена.
sub-group-gone = Эта группа уже удалена.
sub-group-added = ✅ В группу добавлено: { sub-numbers }.
sub-group-dropped = ✅ Из группы убрано: { sub-numbers }.
sub-err-group-name = Название — от { $min } до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>Отдел продаж</code>.
sub-err-group-taken = Группа «{ $name }» уже есть. Напишите другое название, например <code>Отдел продаж 2</code>.
sub-err-group-look = Выберите значок и цвет кнопками.
sub-err-group-many = Групп не может быть больше { $n }.
sub-color-red = красный
sub-color-orange = оранжевый
sub-color-yellow = жёлтый
sub-color-green = зелёный
sub-color-blue = синий
sub-color-purple = фиолетовый
sub-color-brown = коричневый
sub-color-grey = серый

## Метки

sub-labels-title = 🏷 <b>Метки</b> · { $n }
    Нажмите метку, чтобы увидеть её номера.
sub-labels-none = Меток пока нет: метка появляется, когда её впервые ставят на номер.
sub-labels-one = 🏷 <b>Метки номера</b> · { $n }
    Нажмите на метку, чтобы снять её.
sub-btn-label-add = ➕ Добавить метку
sub-label-ask = Напишите метку, например <code>VIP</code> или <code>командировки</code>. Новая метка появится сама.
sub-label-existing = Уже есть: { $labels }
sub-label-added = ✅ Метка «{ $label }» поставлена: { sub-numbers }.
sub-label-removed = ✅ Метка снята: { sub-numbers }.
sub-err-label = Метка — от 1 до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>VIP</code>.

## Управление номером: SIM, блокировка, переадресация (заказы)

sub-manage-title = ⚙️ <b>Управление номером</b> · { $number }
    👤 { $name }
sub-btn-sim = 🔁 Заменить SIM-карту
sub-btn-attach = 📎 Привязать личную SIM
sub-btn-block = ⛔ Заблокировать
sub-btn-unblock = ✅ Разблокировать
sub-sim-reserve = 📦 В резерве вашей компании { $n ->
    [one] { $n } чистая SIM-карта
    [few] { $n } чистые SIM-карты
   *[many] { $n } чистых SIM-карт
}.
sub-sim-none = 📦 В резерве вашей компании нет чистых SIM-карт, поэтому заменить SIM-карту сейчас нельзя.
    Получите чистые SIM-карты у вашего менеджера МегаФона или в офисе обслуживания: когда их загрузят в кабинет, замена станет доступна здесь. Если SIM-карта потеряна, номер можно пока заблокировать («⛔ Заблокировать»).
sub-sim-ask = 🔁 Напишите ICC резервной SIM-карты вашей компании — 19 или 20 цифр с обратной стороны карты, например <code>8970102000000000003</code>.
sub-sim-confirm = Заменить SIM-карту номера { $number } на карту ICC <code>{ $icc }</code>? Старая карта перестанет работать.
sub-btn-sim-yes = ✅ Заменить
sub-err-icc-digits = ICC состоит только из цифр.
sub-err-icc-length = В ICC должно быть 19 или 20 цифр, а здесь { $n ->
    [one] { $n } цифра
    [few] { $n } цифры
   *[many] { $n } цифр
}.
sub-err-icc-luhn = В ICC ошибка: не сходится контрольная цифра (последняя). Проверьте номер по карте.
sub-err-icc-not-reserve = Этой SIM-карты нет в резерве вашей компании.
sub-err-icc-in-use = Эта SIM-карта уже используется на другом номере — выберите свободную карту из резерва.
sub-err-icc-retired = Эта SIM-карта списана и больше не может использоваться.
sub-err-icc-same = Эта SIM-карта и так стоит на этом номере.
sub-attach-number-ask = 📎 Напишите личный номер сотрудника, который нужно перевести на счёт компании, например <code>+7 916 123-45-67</code>.
sub-attach-puk-ask = Напишите PUK1 этой SIM-карты — 8 цифр, например <code>12345678</code>. Сообщение с кодом сразу удалится из чата.
sub-attach-confirm = Привязать личную SIM сотрудника { $name } ({ $number }): номер { $personal } перейдёт на лицевой счёт компании после проверки оператором. Продолжить?
sub-btn-attach-yes = ✅ Привязать
sub-err-puk = PUK1 — это 8 цифр, например <code>12345678</code>.
sub-err-personal-served = Этот номер уже обслуживается у нас (в вашей или другой компании) — привязать его нельзя.
sub-block-reason-ask = ⛔ Напишите причину блокировки, например <code>утеря SIM-карты</code>.
sub-block-confirm = Заблокировать номер { $number }?
    Причина: { $reason }
sub-btn-block-yes = ⛔ Заблокировать
sub-unblock-ask = Разблокировать номер { $number }?
sub-btn-unblock-yes = ✅ Разблокировать
sub-err-block-reason = Причина — от { $min } до { $max } { $max ->
    [one] символа
   *[other] символов
}, например <code>утеря SIM-карты</code>.
sub-err-block-pending = Номер ещё не подтверждён — блокировать нечего.
sub-err-already-blocked = Номер уже заблокирован.
sub-err-not-blocked = Номер не заблокирован.
sub-fwd-title = ↪️ <b>Переадресация</b> · { $number }
sub-fwd-charged = 💡 Переадресованные вызовы оплачиваются как исходящие.
sub-btn-fwd-add = ➕ Добавить переадресацию
sub-fwd-type-ask = Когда переадресовывать вызовы?
sub-fwd-target-ask = Куда переадресовывать ({ $type })? Напишите российский номер любого оператора, например <code>+7 916 123-45-67</code> или <code>8 (495) 123-45-67</code>.
sub-fwd-target-ask-short = Напишите российский номер, например <code>+7 916 123-45-67</code>.
sub-fwd-confirm = Включить переадресацию на номере { $number }: { $type } → { $target }?
sub-btn-fwd-yes = ✅ Включить
sub-fwd-drop-ask = Убрать переадресацию «{ $type }» на { $target }?
sub-btn-fwd-drop-yes = ✖️ Убрать
sub-err-fwd-blocked = ⛔ Номер заблокирован: переадресацию на нём настроить нельзя.
sub-err-fwd-pending = Номер ещё не подтверждён: переадресацию настроить нельзя.
sub-err-fwd-self = Нельзя переадресовать вызовы на этот же номер.
sub-err-fwd-gone = Этой переадресации уже нет.
sub-order-placed = 📋 Заказ № { $id } принят: { $kind }. Результат придёт уведомлением.
sub-order-again = 📋 Этот заказ уже принят — № { $id } ({ $kind }). Второй не создан.
sub-order-kind-sim = замена SIM-карты
sub-order-kind-attach = привязка личной SIM-карты
sub-order-kind-block = блокировка номера
sub-order-kind-unblock = разблокировка номера
sub-order-kind-fwd = включение переадресации
sub-order-kind-fwd-off = отключение переадресации
network-reason-sim-not-reserve = SIM-карты нет в резерве компании
network-reason-sim-in-use = SIM-карта уже используется на другом номере
network-reason-sim-retired = SIM-карта списана
network-reason-number-served = номер уже обслуживается у оператора в другом договоре
network-reason-forward-self = нельзя переадресовать вызовы на этот же номер
sub-page-ask = На какую страницу перейти? Напишите её номер, например <code>25</code>.
sub-err-page = Номер страницы — целое число от 1, например <code>25</code>.
sub-btn-open-card = 📱 К карточке номера
sub-btn-services = 📶 Услуги номера
sub-push-confirmed = ✅ Номер { $number } ({ $name }) подтверждён по SMS и теперь активен.
