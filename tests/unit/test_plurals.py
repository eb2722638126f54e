"""Russian plural forms come from Fluent's CLDR rules, not from code; every counted message of
the product agrees with its number (nouns, verbs, pronouns) for 0, 1, 2, 5, 11 … 1000."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fluent.runtime import FluentBundle
from fluent.syntax import ast, parse
from fluent.syntax.visitor import Visitor

from bot.i18n import LOCALES_DIR, I18n


@pytest.fixture
def i18n(tmp_path: Path) -> I18n:
    for lang, text in {
        "ru": "n = { $n } { $n ->\n    [one] номер\n    [few] номера\n   *[many] номеров\n}\n",
        "en": "n = { $n } { $n ->\n    [one] number\n   *[other] numbers\n}\n",
    }.items():
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "t.ftl").write_text(text, encoding="utf-8")
    return I18n("ru", tmp_path)


@pytest.mark.parametrize(
    ("n", "word"),
    [
        (1, "номер"),
        (2, "номера"),
        (4, "номера"),
        (5, "номеров"),
        (11, "номеров"),
        (21, "номер"),
        (22, "номера"),
        (25, "номеров"),
        (111, "номеров"),
    ],
)
def test_russian_plural(i18n: I18n, n: int, word: str) -> None:
    assert i18n.get("ru")("n", n=n) == f"{n} {word}"


def test_english_plural(i18n: I18n) -> None:
    assert i18n.get("en")("n", n=1) == "1 number"
    assert i18n.get("en")("n", n=5) == "5 numbers"


# --- every counted message of the product, in Russian ---------------------------------------------

# The numbers each counted message is rendered with, and the Russian form each one takes.
COUNTS = (0, 1, 2, 5, 11, 21, 22, 25, 101, 1000)
RU_FORM = {0: 2, 1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2, 101: 0, 1000: 2}  # one, few, many

# Variables that hold a count (or a number read as one). A variable of a name in neither set
# fails the test below, so a new one is classified when it is written.
COUNT_VARS = {
    "accounts",
    "count",
    "days",
    "done",
    "failed",
    "files",
    "left",
    "length",
    "limit",
    "max",
    "mb",
    "min",
    "minutes",
    "months",
    "more",
    "n",
    "page",
    "pages",
    "part",
    "parts",
    "pending",
    "percent",
    "pushes",
    "rating",
    "refused",
    "reopen",
    "seconds",
    "shown",
    "ticked",
    "total",
    "waited",
}
OTHER_VARS = {
    "account",
    "allowed",
    "amount",
    "at",
    "author",
    "available",
    "avg",
    "balance",
    "brand",
    "category",
    "channel",
    "code",
    "color",
    "column",
    "comment",
    "company",
    "company_id",
    "contacts",
    "created",
    "current",
    "date",
    "delta",
    "description",
    "doc",
    "document",
    "email",
    "error",
    "example",
    "expected",
    "expense",
    "fee",
    "file",
    "first",
    "format",
    "got",
    "group",
    "high",
    "how",
    "icc",
    "icon",
    "id",
    "income",
    "inn",
    "kind",
    "kinds",
    "label",
    "labels",
    "last",
    "level",
    "long",
    "line",
    "link",
    "login",
    "low",
    "made",
    "marks",
    "message",
    "method",
    "month",
    "msisdn",
    "name",
    "number",
    "numbers",
    "on",
    "order",
    "other",
    "password",
    "period",
    "personal",
    "phone",
    "position",
    "query",
    "question",
    "reason",
    "role",
    "section",
    "seen",
    "service_name",
    "services",
    "share",
    "spent",
    "status",
    "subject",
    "tail",
    "target",
    "tariff",
    "tariff_name",
    "tariffs",
    "text",
    "tg",
    "this",
    "threshold",
    "topic",
    "type",
    "types",
    "until",
    "user",
    "value",
    "vat",
    "vat_percent",
    "weekday",
    "when",
    "who",
    "year",
}
# A count-named variable that holds money or a list of names here, not a count.
NOT_COUNTS = {
    ("acc-balance-credit", "limit"),
    ("acc-card-credit", "limit"),
    ("acc-err-prepay-range", "min"),
    ("acc-err-prepay-range", "max"),
    ("acc-cashback-overview-title", "total"),
    ("acc-cashback-done", "left"),
    ("acc-err-threshold-range", "max"),
    ("admin-payments-imported", "total"),
    ("admin-charges-imported", "total"),
    ("sub-card-limit", "limit"),
    ("sub-limit-screen", "limit"),
    ("sub-err-limit-range", "max"),
    ("sub-push-limit-80", "limit"),
    ("sub-push-limit-100", "limit"),
    ("sub-push-limit-barred", "limit"),
    ("tic-summary", "files"),
}

# (message, count variable) → what the reader sees around the number ({n}): one text when the
# words do not change with it (a label and a figure), or the (one, few, many) forms. The other
# variables are 3 (counts) or "x".
RU: dict[tuple[str, str], str | tuple[str, str, str]] = {
    ("acc-accounts-count", "n"): ("{n} лицевой счёт", "{n} лицевых счёта", "{n} лицевых счетов"),
    ("acc-balance-title", "n"): (
        "счетов</b> · {n} лицевой счёт",
        "счетов</b> · {n} лицевых счёта",
        "счетов</b> · {n} лицевых счетов",
    ),
    ("acc-balance-below", "n"): "Ниже порога: {n}",
    ("acc-list-title", "n"): (
        "счета</b> · {n} лицевой счёт",
        "счета</b> · {n} лицевых счёта",
        "счета</b> · {n} лицевых счетов",
    ),
    ("acc-card-subscribers", "n"): ("📱 {n} номер на", "📱 {n} номера на", "📱 {n} номеров на"),
    ("acc-select-title", "total"): "покажу все ({n}).",
    ("acc-btn-show-selected", "n"): "▶️ Показать ({n})",
    ("acc-pay-accounts-all", "n"): "Счета: все ({n})",
    ("acc-pay-accounts-many", "more"): "и ещё {n}",
    ("acc-pay-summary", "n"): (
        "Найдена {n} операция",
        "Найдено {n} операции",
        "Найдено {n} операций",
    ),
    ("acc-export-ask", "n"): (
        "📤 <b>Экспорт</b>: {n} операция с",
        "📤 <b>Экспорт</b>: {n} операции с",
        "📤 <b>Экспорт</b>: {n} операций с",
    ),
    ("acc-export-progress", "percent"): "файл x… {n} %",
    ("acc-export-done", "n"): (
        "x готов: {n} строка.",
        "x готов: {n} строки.",
        "x готов: {n} строк.",
    ),
    ("acc-export-caption", "n"): (
        "и списания: {n} операция",
        "и списания: {n} операции",
        "и списания: {n} операций",
    ),
    ("acc-stats-numbers", "n"): (
        "Начисления по {n} номеру, в",
        "Начисления по {n} номерам, в",
        "Начисления по {n} номерам, в",
    ),
    ("acc-chart-rest-accounts", "n"): "Остальные счета ({n})",
    ("acc-chart-rest-numbers", "n"): "Остальные номера ({n})",
    ("admin-imported", "count"): "Добавлено номеров: {n} на лицевой",
    ("admin-import-failed", "count"): (
        "в файле {n} ошибка, ничего",
        "в файле {n} ошибки, ничего",
        "в файле {n} ошибок, ничего",
    ),
    ("admin-csv-too-long", "max"): (
        "не больше {n} символа.",
        "не больше {n} символов.",
        "не больше {n} символов.",
    ),
    ("admin-csv-too-many", "max"): "не больше {n} за раз.",
    ("admin-payments-imported", "accounts"): (
        "3 по {n} лицевому счёту.",
        "3 по {n} лицевым счетам.",
        "3 по {n} лицевым счетам.",
    ),
    ("admin-payments-imported", "count"): "Загружено платежей: {n} на 3",
    ("admin-payments-imported", "pushes"): "счетам. Уведомлений: {n}.",
    ("admin-charges-imported", "accounts"): (
        "3 по {n} лицевому счёту.",
        "3 по {n} лицевым счетам.",
        "3 по {n} лицевым счетам.",
    ),
    ("admin-charges-imported", "count"): "Загружено начислений: {n} на 3",
    ("admin-charges-imported", "pushes"): "счетам. Уведомлений: {n} (порог баланса,",
    ("admin-sims-imported", "count"): "добавлено SIM-карт: {n}.",
    ("admin-csv-document", "max"): (
        "не длиннее {n} символа.",
        "не длиннее {n} символов.",
        "не длиннее {n} символов.",
    ),
    ("apply-step", "n"): "Вопрос {n} из 3",
    ("apply-step", "total"): "3 из {n}",
    ("apply-too-many", "limit"): (
        "не больше {n} заявления в",
        "не больше {n} заявлений в",
        "не больше {n} заявлений в",
    ),
    ("apply-staff-new", "count"): (
        "ИНН x, {n} номер.",
        "ИНН x, {n} номера.",
        "ИНН x, {n} номеров.",
    ),
    ("auth-password-too-short", "min"): (
        "не меньше {n} символа. Например:",
        "не меньше {n} символов. Например:",
        "не меньше {n} символов. Например:",
    ),
    ("auth-password-too-long", "max"): (
        "не больше {n} символа.",
        "не больше {n} символов.",
        "не больше {n} символов.",
    ),
    ("auth-code-wrong", "left"): (
        "код: осталась {n} попытка.",
        "код: осталось {n} попытки.",
        "код: осталось {n} попыток.",
    ),
    ("auth-code-pause", "seconds"): (
        "получить через {n} секунду.",
        "получить через {n} секунды.",
        "получить через {n} секунд.",
    ),
    ("auth-locked", "minutes"): ("— ещё {n} минуту.", "— ещё {n} минуты.", "— ещё {n} минут."),
    ("pager", "page"): "стр. {n}/3",
    ("pager", "pages"): "стр. 3/{n}",
    ("doc-btn-next", "n"): ("Далее ({n} счёт) ▶️", "Далее ({n} счёта) ▶️", "Далее ({n} счетов) ▶️"),
    ("doc-ask-accounts", "n"): "3, отмечено: {n}).",
    ("doc-ask-accounts", "total"): "счета (доступно: {n}, отмечено: 3).",
    ("doc-sum-accounts", "n"): "Лицевые счета ({n}): x",
    ("doc-placed", "n"): (
        "x принят: {n} документ. Документ",
        "x принят: {n} документа. Документы",
        "x принят: {n} документов. Документы",
    ),
    ("doc-err-period-long", "months"): (
        "Период длиннее {n} месяца.",
        "Период длиннее {n} месяцев.",
        "Период длиннее {n} месяцев.",
    ),
    ("doc-err-too-many", "max"): "можно до {n}): сократите период",
    ("doc-err-too-many", "n"): "за раз ({n}, можно до",
    ("doc-history-title", "n"): (
        "документов</b> · {n} документ",
        "документов</b> · {n} документа",
        "документов</b> · {n} документов",
    ),
    ("doc-push-partial", "failed"): "с ошибкой {n}.",
    ("doc-push-partial", "n"): "частично: готово {n}, с ошибкой",
    ("doc-order-status-new", "total"): "Принят, документов: {n}",
    ("doc-order-status-scheduled", "total"): "Принят, документов: {n}",
    ("doc-order-status-in_progress", "n"): "Готовится: готово {n} из 3",
    ("doc-order-status-in_progress", "total"): "3 из {n}",
    ("doc-order-status-completed", "n"): "Выполнен: готово {n} из 3",
    ("doc-order-status-completed", "total"): "3 из {n}",
    ("doc-order-status-partial", "n"): "частично: готово {n} из 3",
    ("doc-order-status-partial", "total"): "3 из {n}",
    ("orders-numbers", "n"): ("{n} номер", "{n} номера", "{n} номеров"),
    ("orders-numbers-gen", "n"): ("{n} номера", "{n} номеров", "{n} номеров"),
    ("orders-accounts", "n"): ("{n} лицевой счёт", "{n} лицевых счёта", "{n} лицевых счетов"),
    ("orders-items", "n"): ("{n} номер", "{n} номера", "{n} номеров"),
    ("orders-push-finished", "done"): "выполнено для {n} из 3",
    ("orders-push-finished", "failed"): "номеров, ошибок: {n}.",
    ("orders-push-finished", "n"): (
        "3 из {n} номера, ошибок:",
        "3 из {n} номеров, ошибок:",
        "3 из {n} номеров, ошибок:",
    ),
    ("orders-push-reminder", "n"): (
        "Заказ для {n} номера.",
        "Заказ для {n} номеров.",
        "Заказ для {n} номеров.",
    ),
    ("orders-title", "n"): "заявки</b> · {n}",
    ("orders-card-counts", "done"): "номера: ✅ {n} · ❌",
    ("orders-card-counts", "failed"): "· ❌ {n} · ⏳",
    ("orders-card-counts", "n"): ("{n} номер: ✅", "{n} номера: ✅", "{n} номеров: ✅"),
    ("orders-card-counts", "pending"): "· ⏳ {n}",
    ("profile-question-invalid", "max"): (
        "3 до {n} символа, например",
        "3 до {n} символов, например",
        "3 до {n} символов, например",
    ),
    ("profile-question-invalid", "min"): "— от {n} до 3",
    ("profile-answer-invalid", "max"): (
        "3 до {n} символа, например",
        "3 до {n} символов, например",
        "3 до {n} символов, например",
    ),
    ("profile-answer-invalid", "min"): "— от {n} до 3",
    ("profile-sessions-title", "count"): "этого входа: {n}. Время московское.",
    ("profile-session-line", "n"): "{n}. Telegram ••x",
    ("profile-btn-end-session", "n"): "Завершить сеанс {n}",
    ("sub-numbers", "n"): ("{n} номер", "{n} номера", "{n} номеров"),
    ("sub-list-title", "n"): (
        "номера</b> · {n} номер",
        "номера</b> · {n} номера",
        "номера</b> · {n} номеров",
    ),
    ("sub-sel-hint", "n"): "«Готово». Отмечено: {n}.",
    ("sub-btn-sel-done", "n"): "Готово · {n}",
    ("sub-btn-sel-group-add", "n"): "группу · {n}",
    ("sub-btn-sel-group-drop", "n"): "группы · {n}",
    ("sub-bulk-title", "n"): (
        "Отмечено: {n} номер. Что",
        "Отмечено: {n} номера. Что",
        "Отмечено: {n} номеров. Что",
    ),
    ("sub-btn-bulk-remove", "n"): "🗑 Удалить ({n})",
    ("sub-remove-many-ask", "n"): (
        "списка сотрудников {n} номер? Его",
        "списка сотрудников {n} номера? Их",
        "списка сотрудников {n} номеров? Их",
    ),
    ("sub-removed", "n"): (
        "🗑 Удалено: {n} номер.",
        "🗑 Удалено: {n} номера.",
        "🗑 Удалено: {n} номеров.",
    ),
    ("sub-card-limit", "percent"): "лимита 3 ({n} %)",
    ("sub-err-name", "max"): (
        "3 до {n} символа, например",
        "3 до {n} символов, например",
        "3 до {n} символов, например",
    ),
    ("sub-err-name", "min"): "— от {n} до 3",
    ("sub-err-comment", "max"): (
        "— до {n} символа, например",
        "— до {n} символов, например",
        "— до {n} символов, например",
    ),
    ("sub-limit-screen", "percent"): "месяце: x ({n} %)",
    ("sub-push-limit-80", "percent"): "(x) израсходовал {n} % лимита:",
    ("sub-groups-title", "n"): "сотрудников</b> · {n}",
    ("sub-group-card", "n"): (
        "В группе: {n} номер",
        "В группе: {n} номера",
        "В группе: {n} номеров",
    ),
    ("sub-group-added", "n"): (
        "группу добавлено: {n} номер.",
        "группу добавлено: {n} номера.",
        "группу добавлено: {n} номеров.",
    ),
    ("sub-group-dropped", "n"): (
        "группы убрано: {n} номер.",
        "группы убрано: {n} номера.",
        "группы убрано: {n} номеров.",
    ),
    ("sub-err-group-name", "max"): (
        "3 до {n} символа, например",
        "3 до {n} символов, например",
        "3 до {n} символов, например",
    ),
    ("sub-err-group-name", "min"): "— от {n} до 3",
    ("sub-err-group-many", "n"): "быть больше {n}.",
    ("sub-labels-title", "n"): "<b>Метки</b> · {n}",
    ("sub-labels-one", "n"): "номера</b> · {n}",
    ("sub-label-added", "n"): (
        "«x» поставлена: {n} номер.",
        "«x» поставлена: {n} номера.",
        "«x» поставлена: {n} номеров.",
    ),
    ("sub-label-removed", "n"): (
        "Метка снята: {n} номер.",
        "Метка снята: {n} номера.",
        "Метка снята: {n} номеров.",
    ),
    ("sub-err-label", "max"): (
        "1 до {n} символа, например",
        "1 до {n} символов, например",
        "1 до {n} символов, например",
    ),
    ("sub-err-icc-length", "n"): ("а здесь {n} цифра.", "а здесь {n} цифры.", "а здесь {n} цифр."),
    ("sub-err-block-reason", "max"): (
        "3 до {n} символа, например",
        "3 до {n} символов, например",
        "3 до {n} символов, например",
    ),
    ("sub-err-block-reason", "min"): "— от {n} до 3",
    ("cat-tariffs-title", "n"): "<b>Тарифы</b> · {n}",
    ("cat-services-title", "n"): "опции</b> · {n}",
    ("cat-mode-all", "n"): "Все номера ({n})",
    ("cat-numbers", "ticked"): "всего). Отмечено: {n}.",
    ("cat-numbers", "total"): "Отметьте номера ({n} всего). Отмечено:",
    ("cat-search-too-long", "max"): (
        "не больше {n} символа.",
        "не больше {n} символов.",
        "не больше {n} символов.",
    ),
    ("cat-numbers-found", "ticked"): "Отмечено: {n}.",
    ("cat-numbers-found", "total"): (
        "«x»: найден {n} номер.",
        "«x»: найдено {n} номера.",
        "«x»: найдено {n} номеров.",
    ),
    ("cat-btn-picked", "n"): (
        "✅ Готово: {n} номер",
        "✅ Готово: {n} номера",
        "✅ Готово: {n} номеров",
    ),
    ("cat-bucket", "n"): ("x · {n} номер", "x · {n} номера", "x · {n} номеров"),
    ("cat-avail", "n"): ("Выбрано: {n} номер.", "Выбрано: {n} номера.", "Выбрано: {n} номеров."),
    ("cat-avail-ok", "n"): (
        "выполнить для {n} номера.",
        "выполнить для {n} номеров.",
        "выполнить для {n} номеров.",
    ),
    ("cat-avail-refused", "n"): (
        "Не подходит {n} номер —",
        "Не подходят {n} номера —",
        "Не подходят {n} номеров —",
    ),
    ("cat-avail-more", "n"): ("и ещё {n} номер", "и ещё {n} номера", "и ещё {n} номеров"),
    ("cat-summary", "n"): "📱 Номеров: {n} (3 не",
    ("cat-summary", "refused"): (
        "Номеров: 3 ({n} не войдёт)",
        "Номеров: 3 ({n} не войдут)",
        "Номеров: 3 ({n} не войдут)",
    ),
    ("cat-summary-without-email", "n"): (
        "Без e-mail {n} номер: он",
        "Без e-mail {n} номера: они",
        "Без e-mail {n} номеров: они",
    ),
    ("cat-placed", "n"): ("«x» · {n} номер", "«x» · {n} номера", "«x» · {n} номеров"),
    ("tic-ask-text", "max"): (
        "сообщением (до {n} знака), например:",
        "сообщением (до {n} знаков), например:",
        "сообщением (до {n} знаков), например:",
    ),
    ("tic-ask-files", "limit"): (
        "Не больше {n} файла, каждый",
        "Не больше {n} файлов, каждый",
        "Не больше {n} файлов, каждый",
    ),
    ("tic-ask-files", "mb"): "каждый до {n} МБ: изображения,",
    ("tic-ask-files", "n"): (
        "Принят {n} файл. Ещё",
        "Принято {n} файла. Ещё",
        "Принято {n} файлов. Ещё",
    ),
    ("tic-file-taken", "limit"): "(3 из {n}).",
    ("tic-file-taken", "n"): "«x» принят ({n} из 3).",
    ("tic-file-refused", "limit"): (
        "(3 из {n} файла).",
        "(3 из {n} файлов).",
        "(3 из {n} файлов).",
    ),
    ("tic-file-refused", "n"): "Остальное сохранено ({n} из 3",
    ("tic-summary", "n"): "<b>Файлы ({n}):</b>",
    ("tic-list-title", "n"): (
        "<b>Обращения</b> · {n} обращение",
        "<b>Обращения</b> · {n} обращения",
        "<b>Обращения</b> · {n} обращений",
    ),
    ("tic-card-page", "n"): "(всего сообщений: {n})",
    ("tic-card-page", "page"): "Переписка: стр. {n} из 3",
    ("tic-card-page", "pages"): "3 из {n} (всего сообщений:",
    ("tic-note-autoclosed", "days"): (
        "не было {n} день. Если",
        "не было {n} дня. Если",
        "не было {n} дней. Если",
    ),
    ("tic-card-rating", "rating"): "Ваша оценка: {n} из 5",
    ("tic-files-title", "n"): "обращения x ({n}). Нажмите файл",
    ("tic-ask-reply", "limit"): (
        "файлы (до {n} файла, каждый",
        "файлы (до {n} файлов, каждый",
        "файлы (до {n} файлов, каждый",
    ),
    ("tic-ask-reply", "mb"): "каждый до {n} МБ). Когда",
    ("tic-reply-so-far", "n"): "Файлов: {n}",
    ("tic-ask-comment", "rating"): "Спасибо! Оценка {n} из 5",
    ("tic-btn-files-done", "n"): "✅ Готово ({n})",
    ("tic-btn-files", "n"): "📎 Файлы ({n})",
    ("tic-btn-all-files", "n"): "эти файлы ({n})",
    ("tic-file-too-big", "limit"): "он больше {n} МБ.",
    ("tic-file-too-many", "limit"): (
        "Больше {n} файла к",
        "Больше {n} файлов к",
        "Больше {n} файлов к",
    ),
    ("tic-text-short", "min"): ("бы в {n} знак.", "бы в {n} знака.", "бы в {n} знаков."),
    ("tic-text-long", "length"): (
        "Слишком длинно: {n} знак, а",
        "Слишком длинно: {n} знака, а",
        "Слишком длинно: {n} знаков, а",
    ),
    ("tic-text-long", "max"): "можно до {n}. Сократите текст",
    ("tic-comment-long", "max"): (
        "Комментарий длиннее {n} знака —",
        "Комментарий длиннее {n} знаков —",
        "Комментарий длиннее {n} знаков —",
    ),
    ("tic-too-many", "limit"): "(не больше {n} в сутки).",
    ("tic-reopen-late", "days"): (
        "в течение {n} дня после",
        "в течение {n} дней после",
        "в течение {n} дней после",
    ),
    ("tic-push-reply", "files"): "📎 Файлов: {n}",
    ("tic-push-reminder", "days"): (
        "будет ещё {n} день, обращение",
        "будет ещё {n} дня, обращение",
        "будет ещё {n} дней, обращение",
    ),
    ("tic-push-reminder", "waited"): (
        "ответа уже {n} день. Если",
        "ответа уже {n} дня. Если",
        "ответа уже {n} дней. Если",
    ),
    ("tic-push-autoclosed", "days"): (
        "не было {n} день. Его",
        "не было {n} дня. Его",
        "не было {n} дней. Его",
    ),
    ("tic-push-autoclosed", "reopen"): (
        "в течение {n} дня.",
        "в течение {n} дней.",
        "в течение {n} дней.",
    ),
    ("tic-staff-new", "files"): "📎 Файлов: {n} (ниже)",
    ("tic-staff-client-message", "files"): "📎 Файлов: {n} (ниже)",
    ("tic-staff-rated", "rating"): "оценка клиента {n} из 5.",
    ("tic-staff-rating-comment", "rating"): "к оценке {n}: x",
    ("val-phone-list-too-long", "limit"): "не больше {n} за раз.",
    ("val-text", "max"): ("3 до {n} символа.", "3 до {n} символов.", "3 до {n} символов."),
    ("val-text", "min"): "Нужно от {n} до 3",
    ("val-company-name", "max"): (
        "3 до {n} символа).",
        "3 до {n} символов).",
        "3 до {n} символов).",
    ),
    ("val-company-name", "min"): "«Ромашка» (от {n} до 3",
    ("sub-sim-reserve", "n"): (
        "компании {n} чистая SIM-карта.",
        "компании {n} чистые SIM-карты.",
        "компании {n} чистых SIM-карт.",
    ),
    ("tic-push-reply", "length"): (
        "длинный — {n} знак: здесь",
        "длинный — {n} знака: здесь",
        "длинный — {n} знаков: здесь",
    ),
    ("tic-staff-new", "length"): (
        "длинное — {n} знак: целиком",
        "длинное — {n} знака: целиком",
        "длинное — {n} знаков: целиком",
    ),
    ("tic-staff-client-message", "length"): (
        "длинное — {n} знак: целиком",
        "длинное — {n} знака: целиком",
        "длинное — {n} знаков: целиком",
    ),
    ("tic-text-part", "part"): "· часть {n} из 3",
    ("tic-text-part", "parts"): "3 из {n}",
    ("tic-cut-card", "length"): (
        "3 из {n} знака. Целиком",
        "3 из {n} знаков. Целиком",
        "3 из {n} знаков. Целиком",
    ),
    ("tic-cut-card", "shown"): "Показано начало: {n} из 3",
    ("tic-cut-draft", "length"): (
        "3 из {n} знака; сохранён",
        "3 из {n} знаков; сохранён",
        "3 из {n} знаков; сохранён",
    ),
    ("tic-cut-draft", "shown"): "Здесь начало: {n} из 3",
    ("tic-whole-head", "part"): "· часть {n} из 3",
    ("tic-whole-head", "parts"): "3 из {n}",
}

# The text a message has for an exact number instead of its plural form: (a part it holds, a
# word it does not hold).
RU_EXACT: dict[tuple[str, str], dict[int, tuple[str, str]]] = {
    ("cat-numbers-found", "total"): {0: ("«x»: ничего не нашлось — попробуйте иначе", "0")},
    ("tic-ask-files", "n"): {0: ("нажмите кнопку ниже. Файлы не обязательны.", "Принят")},
    ("tic-list-title", "n"): {0: ("💬 <b>Обращения</b>", "0")},
    ("cat-summary", "refused"): {0: ("📱 Номеров: 3\n", "не войд")},
    ("admin-payments-imported", "pushes"): {0: ("по 3 лицевым счетам.", "Уведомлений")},
    ("admin-charges-imported", "pushes"): {0: ("по 3 лицевым счетам.", "Уведомлений")},
    ("orders-push-finished", "failed"): {0: ("для 3 из 3 номеров.", "ошибок")},
    ("tic-push-reply", "files"): {0: ("x", "Файлов")},
    ("tic-staff-new", "files"): {0: ("сообщениях.\n\nОтветьте на это сообщение", "Файлов")},
    ("tic-staff-client-message", "files"): {0: ("👤 x\n\nx", "Файлов")},
    ("tic-whole-head", "parts"): {1: ("· x · x", "часть")},
}
# Values other than 3 and "x" a message needs to show its count: a long text's note.
SAMPLES: dict[str, object] = {"long": 1}


class _Uses(Visitor):
    def __init__(self) -> None:
        self.variables: set[str] = set()
        self.messages: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_MessageReference(self, node: ast.MessageReference) -> None:
        self.messages.add(node.id.name)


def _messages(lang: str) -> dict[str, ast.Message]:
    found: dict[str, ast.Message] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        for entry in parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message) and entry.value is not None:
                found[entry.id.name] = entry
    return found


def _variables(
    messages: dict[str, ast.Message], key: str, seen: frozenset[str] = frozenset()
) -> set[str]:
    """The variables a message reads, through the messages it refers to."""
    uses = _Uses()
    uses.visit(messages[key])
    found = set(uses.variables)
    for other in uses.messages - seen - {key}:
        found |= _variables(messages, other, seen | {key})
    return found


RU_MESSAGES = _messages("ru")
COUNTED = sorted(
    (key, var)
    for key in RU_MESSAGES
    for var in _variables(RU_MESSAGES, key) & COUNT_VARS
    if (key, var) not in NOT_COUNTS
)


def test_every_variable_is_known_to_be_a_count_or_not() -> None:
    names = set()
    for lang in ("ru", "en"):
        messages = _messages(lang)
        for key in messages:
            names |= _variables(messages, key)
    assert names - COUNT_VARS - OTHER_VARS == set()


def test_every_counted_message_has_its_expected_forms() -> None:
    assert set(COUNTED) - set(RU) == set(), "add the expected forms of these messages to RU"
    assert set(RU) - set(COUNTED) == set(), "these messages no longer count"


def _ru_number(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")  # as Fluent writes it in Russian: 1 000


@pytest.mark.parametrize(("key", "var"), COUNTED)
def test_a_counted_message_agrees_with_its_number(key: str, var: str) -> None:
    i18n = I18n()
    bundle = i18n.bundles["ru"]
    names = _variables(RU_MESSAGES, key)
    expected = RU[(key, var)]
    for n in COUNTS:
        params = {v: SAMPLES.get(v, 3 if v in COUNT_VARS else "x") for v in names}
        params[var] = n
        _, errors = bundle.format_pattern(_pattern(bundle, key), params)
        assert errors == [], (key, n, errors)
        text = i18n.get("ru")(key, **params)
        exact = RU_EXACT.get((key, var), {})
        if n in exact:
            holds, lacks = exact[n]
            assert holds in text and lacks not in text, (key, n, text)
            continue
        form = expected if isinstance(expected, str) else expected[RU_FORM[n]]
        wanted = re.escape(form.format(n=_ru_number(n)))
        assert re.search(rf"(?<!\w){wanted}(?!\w)", text), (key, n, text)


def _pattern(bundle: FluentBundle, key: str) -> Any:
    value = bundle.get_message(key).value
    assert value is not None
    return value
