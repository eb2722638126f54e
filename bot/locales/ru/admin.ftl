## The operator's back-office command line (bot/admin_cli.py, domain/backoffice.py)

admin-company-created = Компания создана: id { $id }, «{ $name }», ИНН { $inn }.
admin-account-created = Лицевой счёт { $number } ({ $brand }) создан: id { $id }.
admin-imported = Добавлено номеров: { $count } на лицевой счёт { $account }.
admin-password-sent = Пароль для { $login } отправлен по SMS на { $phone }.{ $created ->
        [yes] {" "}Пользователь кабинета создан.
       *[no] {""}
    } При первом входе пользователь задаст свой пароль.
admin-user-blocked = Пользователь { $login } заблокирован, его сеансы завершены.
admin-user-unblocked = Пользователь { $login } разблокирован.
admin-outbox-empty = Исходящих сообщений нет.
admin-col-time = время (мск)
admin-col-channel = канал
admin-col-recipient = кому
admin-col-status = статус
admin-col-text = текст
admin-outbox-status-pending = ждёт отправки
admin-outbox-status-sent = отправлено
admin-outbox-status-failed = ошибка
admin-outbox-status-skipped = пропущено
admin-error = Ошибка: { $message }
admin-line-error = строка { $line }, столбец { $column }: { $message }
admin-file-unreadable = не удаётся прочитать файл { $file }: { $error }
admin-company-exists = компания с ИНН { $inn } уже есть.
admin-no-company = компании с id { $company_id } нет.
admin-account-exists = лицевой счёт { $number } уже есть.
admin-no-account = лицевого счёта { $number } нет.
admin-account-other-company = лицевой счёт { $number } принадлежит другой компании.
admin-import-failed = в файле { $count ->
        [one] { $count } ошибка
        [few] { $count } ошибки
       *[many] { $count } ошибок
    }, ничего не добавлено.
admin-csv-empty = файл пуст. Первая строка — заголовок, например: { $example }
admin-csv-broken = файл CSV повреждён: { $error }
admin-csv-unknown-column = неизвестный столбец; допустимы: { $allowed }
admin-csv-no-column = нет столбца { $column ->
    [msisdn] msisdn (номер телефона)
    [account] account (лицевой счёт)
    [date] date (дата)
    [amount] amount (сумма)
    [category] category (вид начисления)
    [icc] icc (номер SIM-карты)
   *[other] { $column }
}.
admin-csv-columns = ожидалось столбцов: { $expected }, в строке: { $got }.
admin-csv-duplicate = этот номер уже есть в строке { $other }.
admin-csv-too-long = слишком длинное значение: не больше { $max } { $max ->
    [one] символа
   *[other] символов
}.
admin-csv-too-many = слишком много строк: не больше { $max } за раз.
admin-csv-taken = номер { $value } уже подключён.
admin-csv-no-rows = в файле нет ни одного номера.
admin-user-no-phone = у пользователя { $login } нет телефона для SMS: укажите --phone.
admin-no-user = пользователя кабинета { $login } нет; чтобы создать его, укажите --role.
admin-no-subscriber = номера { $login } нет ни у одной компании: сначала импортируйте его.
admin-yota-role = у Yota вход — по лицевому счёту, уровень { $role } для него не подходит.
admin-user-is-blocked = пользователь { $login } заблокирован; сначала разблокируйте его (user unblock).
admin-login-ambiguous = логин { $login } есть и у МегаФон, и у Yota: укажите --brand.
admin-payments-imported = Загружено платежей: { $count } на { $total } по { $accounts ->
        [one] { $accounts } лицевому счёту
       *[other] { $accounts } лицевым счетам
    }.{ $pushes ->
        [0] {""}
       *[other] {" "}Уведомлений: { $pushes }.
    }
admin-charges-imported = Загружено начислений: { $count } на { $total } по { $accounts ->
        [one] { $accounts } лицевому счёту
       *[other] { $accounts } лицевым счетам
    }.{ $pushes ->
        [0] {""}
       *[other] {" "}Уведомлений: { $pushes } (порог баланса, лимиты номеров).
    }
admin-sims-imported = В резерв компании добавлено SIM-карт: { $count }.
admin-csv-date = не похоже на дату «{ $value }»: нужна ДД.ММ.ГГГГ, ДД.ММ.ГГГГ ЧЧ:ММ или ГГГГ-ММ-ДД.
admin-csv-date-future = дата «{ $value }» ещё не наступила.
admin-csv-amount = сумма «{ $value }» не подходит: нужно число больше нуля, например 1234,56 (меньше нуля — только у корректировки).
admin-csv-choice = такого значения нет; допустимы: { $allowed }
admin-csv-document = нужен номер документа, не длиннее { $max } { $max ->
    [one] символа
   *[other] символов
}.
admin-csv-duplicate-doc = этот документ уже есть в строке { $other }.
admin-csv-loaded = платёж по документу { $document } уже загружен раньше.
admin-csv-not-on-account = номера { $value } нет на этом лицевом счёте.
admin-csv-barred = у номера { $value } исходящие запрещены лимитом расходов: звонков, SMS, интернета и роуминга у него быть не может.
admin-csv-sim-known = SIM-карта { $value } уже есть в системе.
admin-csv-duplicate-charge = начисление с этим id уже есть в строке { $other }.
admin-csv-charge-loaded = начисление { $id } уже загружено раньше.
