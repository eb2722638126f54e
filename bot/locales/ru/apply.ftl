## Application for remote service (handlers/apply.py, domain/applications.py)

apply-intro =
    📝 <b>Заявление на дистанционное обслуживание</b>

    Для компании, у которой ещё нет доступа к кабинету. Понадобятся ИНН, КПП, ОГРН или ОГРНИП, паспорт уполномоченного лица, номера для подключения, кодовое слово и e-mail. Каждое поле я проверю сразу, а в конце покажу всё заявление — любое поле можно исправить.
apply-step = Вопрос { $n } из { $total }
apply-current = Сейчас: { $value }
apply-ask-company = Название организации или ИП, например <code>ООО «Ромашка»</code>.
apply-ask-inn = ИНН: 10 цифр для организации или 12 для ИП, например <code>7707083893</code>.
apply-ask-kpp = КПП: 9 знаков, например <code>770701001</code>.
apply-ask-ogrn = { $kind ->
        [company] ОГРН: 13 цифр, например <code>1027700132195</code>.
       *[sole_trader] ОГРНИП: 15 цифр, например <code>304500116000157</code>.
    }
apply-ask-person_name = ФИО уполномоченного лица, например <code>Иванов Иван Иванович</code>.
apply-ask-person_position = Должность уполномоченного лица, например <code>Генеральный директор</code>.
apply-ask-passport = Серия и номер паспорта уполномоченного лица, например <code>4510 123456</code>.
apply-ask-passport_issued = Дата выдачи паспорта, например <code>01.09.2015</code>.
apply-ask-passport_issuer = Кем выдан паспорт, например <code>ОВД района Арбат г. Москвы</code>.
apply-ask-by_proxy = Заявление подаёт доверенное лицо (представитель по доверенности)? Нажмите «Да» или «Нет».
apply-ask-head_name = ФИО руководителя организации, например <code>Петров Пётр Петрович</code>.
apply-ask-head_position = Должность руководителя, например <code>Генеральный директор</code>.
apply-ask-proxy_doc = Номер и дата доверенности, например <code>№ 12 от 01.02.2026</code>.
apply-ask-numbers = Номера, которые нужно подключить: российские мобильные, через запятую или каждый с новой строки. Например: <code>+7 916 123-45-67, +7 926 111-22-33</code>.
apply-ask-code_word = Кодовое слово для лицевого счёта: одно слово из букв и цифр, например <code>Ромашка2026</code>. Сообщение я сразу удалю, в заявлении слово хранится только в защищённом виде.
apply-ask-email = E-mail, на который придёт пароль для входа, например <code>office@romashka.ru</code>.
apply-field-company = Организация
apply-field-inn = ИНН
apply-field-kpp = КПП
apply-field-ogrn = ОГРН / ОГРНИП
apply-field-person_name = Уполномоченное лицо
apply-field-person_position = Должность
apply-field-passport = Паспорт
apply-field-passport_issued = Дата выдачи
apply-field-passport_issuer = Кем выдан
apply-field-by_proxy = По доверенности
apply-field-head_name = Руководитель
apply-field-head_position = Должность руководителя
apply-field-proxy_doc = Доверенность
apply-field-numbers = Номера
apply-field-code_word = Кодовое слово
apply-field-email = E-mail
apply-yes = да
apply-no = нет
apply-btn-yes = Да
apply-btn-no = Нет
apply-btn-send = ✅ Отправить
apply-btn-edit = ✏️ Изменить поле
apply-summary-title = 📝 <b>Проверьте заявление</b>
apply-edit-which = Какое поле исправить?
apply-sent =
    ✅ Заявление принято, номер <b>{ $number }</b>.

    Оператор проверит данные и подключит дистанционное обслуживание; пароль для входа придёт на { $email }.
apply-unknown-field = Такого поля в заявлении нет.
apply-incomplete = Заявление заполнено не до конца.
apply-too-many = С одного аккаунта можно отправить не больше { $limit } { $limit ->
    [one] заявления
   *[other] заявлений
} в сутки. Попробуйте завтра.

## E-mail and the staff chat (rendered by the notifier)

email-apply-received =
    Здравствуйте!

    Заявление на дистанционное обслуживание для { $company } принято, номер { $number }.
    Мы проверим данные и пришлём пароль для входа в личный кабинет на этот адрес.
email-apply-received-subject = Заявление { $number } принято
apply-staff-new = 📝 Новое заявление на дистанционное обслуживание { $number }: { $company }, ИНН { $inn }, { $count ->
        [one] { $count } номер
        [few] { $count } номера
       *[many] { $count } номеров
    }.
apply-use-buttons = Выберите кнопкой под заявлением: отправить, изменить поле или отменить.
apply-cancelled = ✖️ Заявление отменено, ничего не отправлено. Начать заново можно кнопкой «📝 Заявка на обслуживание».

## Texts written into rows (stored in Russian)
apply-row-topic = Заявление на дистанционное обслуживание: { $company }
