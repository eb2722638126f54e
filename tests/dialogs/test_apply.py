"""Application for remote service: every field checked as typed, a summary with "edit any
field", then a ticket with a number."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.types import TicketKind
from storage.models import Ticket
from tests.harness import BotTester, ChatUser

COMPANY_ANSWERS = [
    ("ООО «Ромашка»", "Организация"),
    ("7707083893", "ИНН"),
    ("770701001", "КПП"),
    ("1027700132195", "ОГРН"),
    ("Иванов Иван Иванович", "ФИО уполномоченного"),
    ("Генеральный директор", "Должность"),
    ("4510 123456", "паспорт"),
    ("01.09.2015", "дата выдачи"),
    ("ОВД района Арбат г. Москвы", "кем выдан"),
]


pytest_plugins = ["tests.access_fixtures"]
pytestmark = pytest.mark.usefixtures("fast_argon")


async def fill_until_proxy(user: ChatUser) -> None:
    await user.send("/start")
    await user.press("📝 Заявка на обслуживание")
    assert "Заявление на дистанционное обслуживание" in user.last.text
    assert "Вопрос 1 из" in user.last.text and "ООО «Ромашка»" in user.last.text
    for answer, _label in COMPANY_ANSWERS:
        await user.send(answer)
    assert "доверенное лицо" in user.last.text and {"Да", "Нет"} <= set(user.last.buttons)


async def test_whole_application_with_mistakes_edit_and_send(bot_tester: BotTester) -> None:
    user = await bot_tester.user(801)
    await user.send("/start")
    await user.press("📝 Заявка на обслуживание")
    await user.send("ООО «Ромашка»")
    await user.send("7707083894")
    assert "не сходится контрольное число" in user.last.text
    assert "ИНН: 10 цифр для организации" in user.last.text  # the same question again
    await user.send("7707083893")
    assert "КПП: 9 знаков" in user.last.text
    await user.send("77070")
    assert "КПП — это 9 знаков" in user.last.text
    await user.send("770701001")
    await user.send("1027700132196")
    assert "не сходится контрольная цифра" in user.last.text
    for answer, _label in COMPANY_ANSWERS[3:]:
        await user.send(answer)
    await user.press("Да")
    assert "ФИО руководителя" in user.last.text
    await user.send("Петров Пётр Петрович")
    await user.send("Генеральный директор")
    await user.send("№ 12 от 01.02.2026")
    assert "Номера, которые нужно подключить" in user.last.text
    await user.send("+7 916 123-45-67, 8 495 123-45-67")
    assert "«8 495 123-45-67» не подходит" in user.last.text
    await user.send("+7 916 123-45-67, 8 926 111 22 33")
    assert "Кодовое слово" in user.last.text
    await user.send("Ромашка 2026")
    assert "одно слово из букв и цифр" in user.last.text
    await user.send("Ромашка2026")
    assert all(m.text != "Ромашка2026" for m in user.messages)  # the message is deleted
    await user.send("office@romashka")
    assert "Не похоже на адрес электронной почты" in user.last.text
    await user.send("office@romashka.ru")
    summary = user.last.text
    assert "Проверьте заявление" in summary
    assert "ИНН: 7707083893" in summary and "КПП: 770701001" in summary
    assert "Номера: +7 916 123-45-67, +7 926 111-22-33" in summary
    assert "Кодовое слово: ••••••" in summary and "Ромашка2026" not in summary
    assert "Руководитель: Петров Пётр Петрович" in summary
    # Edit one field: back to the summary with everything else kept.
    await user.press("✏️ Изменить поле")
    # The answers stay in sight while picking, and a long label is not cut on a phone: it
    # gets a row of its own.
    assert "Какое поле исправить?" in user.last.text
    assert "ИНН: 7707083893" in user.last.text and "E-mail: office@romashka.ru" in user.last.text
    rows = [[b["text"] for b in row] for row in user.last.raw["reply_markup"]["inline_keyboard"]]
    assert ["Уполномоченное лицо"] in rows and ["Должность руководителя"] in rows
    assert all(len(b) <= 16 for row in rows if len(row) == 2 for b in row)
    await user.press("E-mail")
    assert "Сейчас: office@romashka.ru" in user.last.text
    await user.send("director@romashka.ru")
    assert "E-mail: director@romashka.ru" in user.last.text
    assert "Паспорт: 4510 123456" in user.last.text
    await user.press("✅ Отправить")
    assert "Заявление принято, номер Z-" in user.last.text
    async with bot_tester.session_maker() as db:
        ticket = await db.scalar(select(Ticket))
        assert ticket is not None and ticket.kind == TicketKind.REMOTE_SERVICE
        assert ticket.number in user.last.text
        assert ticket.payload["email"] == "director@romashka.ru"
        assert ticket.payload["numbers"] == "+79161234567,+79261112233"
        assert "Ромашка2026" not in str(ticket.payload)
    mail = [o for o in await bot_tester.outbox() if o.recipient == "director@romashka.ru"]
    assert mail and mail[0].payload["params"]["number"] == ticket.number


async def test_sole_trader_skips_kpp_and_gets_ogrnip(bot_tester: BotTester) -> None:
    user = await bot_tester.user(802)
    await user.send("/start")
    await user.press("📝 Заявка на обслуживание")
    await user.send("ИП Петров Пётр Петрович")
    await user.send("500100732259")
    assert "ОГРНИП: 15 цифр" in user.last.text
    await user.send("304500116000157")
    assert "ФИО уполномоченного лица" in user.last.text


async def test_back_goes_to_the_previous_question_with_its_answer(bot_tester: BotTester) -> None:
    user = await bot_tester.user(803)
    await fill_until_proxy(user)
    await user.press("◀️ Назад")
    assert "Кем выдан паспорт" in user.last.text
    assert "Сейчас: ОВД района Арбат г. Москвы" in user.last.text
    await user.send("ОВД Арбат")
    assert "доверенное лицо" in user.last.text  # on to the first unanswered question
    await user.send_sticker()
    assert "Напишите ответ текстом" in user.last.text and "доверенное лицо" in user.last.text
    await user.send("может быть")
    assert "Ответьте «да» или «нет»" in user.last.text
    await user.send("нет")
    assert "Номера, которые нужно подключить" in user.last.text


async def test_cancel_drops_the_application(bot_tester: BotTester) -> None:
    user = await bot_tester.user(804)
    await fill_until_proxy(user)
    await user.press("✖️ Отмена")
    assert "Заявление отменено, ничего не отправлено" in user.messages[-2].text
    assert user.messages[-2].buttons == []  # the dialog's message has no stale buttons
    assert "Войти: МегаФон" in user.last.buttons
    await user.send("нет")
    assert "Номера" not in user.last.text
    async with bot_tester.session_maker() as db:
        assert await db.scalar(select(Ticket)) is None


async def test_question_count_does_not_jump_after_the_inn(bot_tester: BotTester) -> None:
    """ "Вопрос N из M": M stays put for an organisation, and shrinks by one for a sole trader
    (no KPP) — it never grows just because the INN was typed."""
    user = await bot_tester.user(806)
    await user.send("/start")
    await user.press("📝 Заявка на обслуживание")
    assert "Вопрос 1 из 13" in user.last.text
    await user.send("ООО «Ромашка»")
    assert "Вопрос 2 из 13" in user.last.text
    await user.send("7707083893")
    assert "Вопрос 3 из 13" in user.last.text and "КПП" in user.last.text
    await user.press("◀️ Назад")
    await user.send("500100732259")  # a sole trader's INN: no KPP
    assert "Вопрос 3 из 12" in user.last.text and "ОГРНИП" in user.last.text


async def test_under_the_summary_back_asks_the_last_question_and_a_sticker_shows_it_again(
    bot_tester: BotTester,
) -> None:
    user = await bot_tester.user(807)
    await fill_until_proxy(user)
    await user.press("Нет")
    await user.send("+7 916 123-45-67")
    await user.send("Ромашка2026")
    await user.send("office@romashka.ru")
    assert "Проверьте заявление" in user.last.text
    await user.send_sticker()
    assert "Выберите кнопкой под заявлением" in user.messages[-2].text
    assert "Проверьте заявление" in user.last.text  # the summary again, with its buttons
    await user.press("◀️ Назад")
    assert "E-mail, на который придёт пароль" in user.last.text
    assert "Сейчас: office@romashka.ru" in user.last.text
    await user.send("director@romashka.ru")
    assert "E-mail: director@romashka.ru" in user.last.text  # back at the summary, changed
