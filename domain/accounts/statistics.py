"""Spending statistics for a period: per account, per number (top 10 and the rest), per category,
as data for a short summary and as a chart image (matplotlib, Agg, no display needed).

The database does the summing; one grouped query per view, so a year of a large company's
charges is a single pass over the charges index.
"""

from __future__ import annotations

import asyncio
import io
from collections import defaultdict
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import phonenumbers
from sqlalchemy import case, func, select

from domain.access.checks import Permission, Principal
from domain.accounts.balance import AccountRef, utc_bounds
from domain.accounts.payments import PaymentFilter, resolve_accounts
from domain.db import Db
from domain.money import KOP_PER_RUB, format_amount, group_thousands
from domain.texts import Translate
from domain.types import ChargeCategory
from domain.types import StatsView as StatsView  # in types: keyboards use it
from storage.models import Charge, Subscriber

TOP_NUMBERS = 10
TOP_ACCOUNTS_ON_CHART = 12


@dataclass(frozen=True)
class NumberSpend:
    subscriber_id: int
    msisdn: str
    employee_name: str
    account_number: str
    amount_kop: int


@dataclass(frozen=True)
class SpendingReport:
    first: date
    last: date
    view: StatsView
    accounts: list[AccountRef]
    total_kop: int
    by_account: list[tuple[AccountRef, int]]  # biggest first (accounts/categories views)
    by_category: list[tuple[ChargeCategory, int]]  # biggest first (accounts/categories views)
    matrix: dict[int, dict[ChargeCategory, int]]  # account id → category → kopecks
    top_numbers: list[NumberSpend]  # the numbers view: the biggest ten
    rest_numbers_kop: int  # the numbers view: everyone after the top ten
    rest_numbers_count: int
    numbers_count: int  # numbers with any charge in the period
    without_number_kop: int  # charges of the account itself, not of a number

    @property
    def is_empty(self) -> bool:
        return self.total_kop == 0 and not self.by_account and not self.top_numbers

    def share(self, kop: int) -> int:
        """Whole percent of the total, for the summary."""
        return round(100 * kop / self.total_kop) if self.total_kop else 0


async def spending(
    db: Db,
    principal: Principal,
    first: date,
    last: date,
    view: StatsView = StatsView.CATEGORIES,
    account_ids: Sequence[int] = (),
) -> SpendingReport:
    """Charges of the period (Moscow days, inclusive) on the principal's accounts, summed for
    `view`. `account_ids` narrows to some of them; any id out of reach refuses the request."""
    flt = PaymentFilter(account_ids=frozenset(account_ids))
    refs = await resolve_accounts(db, principal, flt, Permission.VIEW_STATISTICS, "statistics")
    empty = SpendingReport(
        first=first,
        last=last,
        view=view,
        accounts=refs,
        total_kop=0,
        by_account=[],
        by_category=[],
        matrix={},
        top_numbers=[],
        rest_numbers_kop=0,
        rest_numbers_count=0,
        numbers_count=0,
        without_number_kop=0,
    )
    if not refs:
        return empty
    if view is StatsView.NUMBERS:
        return await _by_number(db, empty)
    return await _by_account_and_category(db, empty)


async def _by_account_and_category(db: Db, report: SpendingReport) -> SpendingReport:
    """One pass, grouped by account only, the categories side by side: SQLite then needs no
    sorting, and the covering index holds every column read."""
    start, end = utc_bounds(report.first, report.last)
    cats_order = list(ChargeCategory)
    rows = await db.execute(
        select(
            Charge.account_id,
            *(
                func.coalesce(
                    func.sum(case((Charge.category == cat, Charge.amount_kop), else_=0)), 0
                )
                for cat in cats_order
            ),
        )
        .where(
            Charge.account_id.in_([r.id for r in report.accounts]),
            Charge.charged_at >= start,
            Charge.charged_at < end,
        )
        .group_by(Charge.account_id)
    )
    matrix: dict[int, dict[ChargeCategory, int]] = {}
    cats: dict[ChargeCategory, int] = defaultdict(int)
    for account_id, *sums in rows:
        for cat, kop in zip(cats_order, sums, strict=True):
            if kop:
                matrix.setdefault(account_id, {})[cat] = int(kop)
                cats[cat] += int(kop)
    by_ref = {r.id: r for r in report.accounts}
    return replace(
        report,
        matrix=matrix,
        by_account=sorted(
            ((by_ref[a], sum(c.values())) for a, c in matrix.items()),
            key=lambda x: (-x[1], x[0].number),
        ),
        by_category=sorted(cats.items(), key=lambda x: (-x[1], x[0].value)),
        total_kop=sum(cats.values()),
    )


async def _by_number(db: Db, report: SpendingReport) -> SpendingReport:
    """Per number, biggest first: the top ten named, the rest summed, and the charges of the
    accounts themselves apart."""
    start, end = utc_bounds(report.first, report.last)
    number_rows = await db.execute(
        select(Charge.subscriber_id, func.sum(Charge.amount_kop))
        .where(
            Charge.account_id.in_([r.id for r in report.accounts]),
            Charge.charged_at >= start,
            Charge.charged_at < end,
        )
        .group_by(Charge.subscriber_id)
    )
    without_number = 0
    per_number: list[tuple[int, int]] = []
    for subscriber_id, kop in number_rows:
        if subscriber_id is None:
            without_number += int(kop)
        else:
            per_number.append((subscriber_id, int(kop)))
    per_number.sort(key=lambda x: (-x[1], x[0]))
    head = per_number[:TOP_NUMBERS]
    return replace(
        report,
        total_kop=without_number + sum(k for _, k in per_number),
        top_numbers=await _named(db, report.accounts, head) if head else [],
        rest_numbers_kop=sum(k for _, k in per_number[TOP_NUMBERS:]),
        rest_numbers_count=max(0, len(per_number) - TOP_NUMBERS),
        numbers_count=len(per_number),
        without_number_kop=without_number,
    )


async def _named(db: Db, refs: list[AccountRef], head: list[tuple[int, int]]) -> list[NumberSpend]:
    """The numbers of `head` (subscriber id, kopecks) with their employee and account."""
    numbers = {r.id: r.number for r in refs}
    subs = {
        s.id: s
        for s in await db.execute(
            select(
                Subscriber.id,
                Subscriber.msisdn,
                Subscriber.employee_name,
                Subscriber.account_id,
            ).where(Subscriber.id.in_([s for s, _ in head]))
        )
    }
    top: list[NumberSpend] = []
    for sid, kop in head:
        s = subs.get(sid)
        top.append(
            NumberSpend(
                subscriber_id=sid,
                msisdn=s.msisdn if s else "",
                employee_name=s.employee_name if s else "",
                account_number=numbers.get(s.account_id, "") if s else "",
                amount_kop=kop,
            )
        )
    return top


# ----------------------------------------------------------------------------------------------
# The chart

CATEGORY_COLORS = {
    ChargeCategory.CALLS: "#00B956",  # MegaFon green
    ChargeCategory.SMS: "#731982",  # MegaFon purple
    ChargeCategory.INTERNET: "#1F8FD6",
    ChargeCategory.ROAMING: "#F28C28",
    ChargeCategory.SUBSCRIPTION: "#7A7A7A",
    ChargeCategory.SERVICES: "#D4AF37",
}


def category_label(_: Translate, category: ChargeCategory) -> str:
    return _(f"acc-cat-{category.value}")


def display_msisdn(msisdn: str) -> str:
    """`+79161234567` → `+7 916 123-45-67`."""
    try:
        num = phonenumbers.parse(msisdn, "RU")
    except phonenumbers.NumberParseException:
        return msisdn
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _rub_short(kop: int) -> str:
    """Whole roubles with grouped thousands and the sign: `1 234 ₽`; axis and bar labels."""
    rub = round(kop / KOP_PER_RUB)
    sign = "−" if rub < 0 else ""
    return f"{sign}{group_thousands(rub, ' ')} ₽"


def _short_name(name: str) -> str:
    """`Иванов Иван Петрович` → `Иванов И. П.`"""
    parts = name.split()
    if len(parts) < 2:
        return name
    return parts[0] + " " + " ".join(p[0] + "." for p in parts[1:3])


@dataclass
class _Bars:
    """What the chart draws: a label per bar, and either a stack per bar (kopecks by category)
    or one plain amount per bar."""

    labels: list[str]
    stacks: list[dict[ChargeCategory, int]]
    plain: list[int]


def _bars(report: SpendingReport, _: Translate) -> _Bars:
    bars = _Bars([], [], [])
    if report.view is StatsView.CATEGORIES:
        for cat, kop in report.by_category:
            bars.labels.append(category_label(_, cat))
            bars.plain.append(kop)
    elif report.view is StatsView.ACCOUNTS:
        for ref, _kop in report.by_account[:TOP_ACCOUNTS_ON_CHART]:
            bars.labels.append(ref.number)
            bars.stacks.append(report.matrix.get(ref.id, {}))
        tail = report.by_account[TOP_ACCOUNTS_ON_CHART:]
        if tail:
            rest: dict[ChargeCategory, int] = defaultdict(int)
            for ref, _kop in tail:
                for cat, kop in report.matrix.get(ref.id, {}).items():
                    rest[cat] += kop
            bars.labels.append(_("acc-chart-rest-accounts", n=len(tail)))
            bars.stacks.append(dict(rest))
    else:
        for n in report.top_numbers:
            name = _short_name(n.employee_name)
            bars.labels.append(display_msisdn(n.msisdn) + (f"\n{name}" if name else ""))
            bars.plain.append(n.amount_kop)
        if report.rest_numbers_count:
            bars.labels.append(_("acc-chart-rest-numbers", n=report.rest_numbers_count))
            bars.plain.append(report.rest_numbers_kop)
        if report.without_number_kop:
            bars.labels.append(_("acc-chart-no-number"))
            bars.plain.append(report.without_number_kop)
    return bars


def load_chart_library() -> None:
    """Import what `render_chart` draws with. matplotlib (with numpy) is 50 MB and most of a
    second, so it loads on the first chart, not at start-up."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401
    from matplotlib.ticker import FuncFormatter  # noqa: F401


async def spending_chart(
    report: Awaitable[SpendingReport], _: Translate
) -> tuple[SpendingReport, bytes]:
    """`report` (a `spending(...)` call, not yet awaited) and its picture. The chart library
    loads in a worker thread while the charges are summed (SQLite reads without the GIL), so
    the first chart after start does not wait for the import first."""
    loading = asyncio.ensure_future(asyncio.to_thread(load_chart_library))
    try:
        summed = await report
    finally:
        await loading
    return summed, await asyncio.to_thread(render_chart, summed, _)


def render_chart(report: SpendingReport, _: Translate) -> bytes:
    """A PNG for the report's view: horizontal bars, stacked by category per account. Its texts
    are the Fluent messages `acc-chart-*` and `acc-cat-*` in the language of `_`."""
    bars = _bars(report, _)
    height = max(3.0, 0.9 + 0.55 * len(bars.labels) + (0.6 if bars.stacks else 0.0))
    # matplotlib loads on the first chart, not at start-up (it is heavy, and most updates
    # draw nothing); the Agg canvas needs no display.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.0, height), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    title = _(
        f"acc-chart-title-{report.view.value}",
        first=f"{report.first:%d.%m.%Y}",
        last=f"{report.last:%d.%m.%Y}",
    )
    ax.set_title(title, fontsize=11, loc="left")
    if not bars.labels:
        ax.text(0.5, 0.5, _("acc-chart-empty"), ha="center", va="center", fontsize=12)
        ax.set_axis_off()
    else:
        if bars.stacks:
            totals = _draw_stacks(ax, bars.stacks, _)
        else:
            colors = (
                [CATEGORY_COLORS[c] for c, _ in report.by_category]
                if report.view is StatsView.CATEGORIES
                else ["#00B956"] * len(bars.plain)
            )
            ys = list(range(len(bars.plain)))
            ax.barh(ys, [k / KOP_PER_RUB for k in bars.plain], color=colors, height=0.65)
            totals = bars.plain
        _label_axes(ax, bars.labels, totals)
        fig.text(
            0.99,
            0.01,
            _("acc-chart-total", amount=format_amount(report.total_kop, sep=" ", minus="−")),
            ha="right",
            va="bottom",
            fontsize=9,
        )
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _draw_stacks(ax: Any, stacks: list[dict[ChargeCategory, int]], _: Translate) -> list[int]:
    """Bars stacked by category, with their legend under the chart; each bar's total."""
    ys = list(range(len(stacks)))
    left = [0.0] * len(stacks)
    cats_used = [c for c in ChargeCategory if any(s.get(c) for s in stacks)]
    for cat in cats_used:
        widths = [s.get(cat, 0) / KOP_PER_RUB for s in stacks]
        ax.barh(
            ys,
            widths,
            left=left,
            color=CATEGORY_COLORS[cat],
            label=category_label(_, cat),
            height=0.65,
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.legend(
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=min(3, len(cats_used)),
        frameon=False,
    )
    return [sum(s.values()) for s in stacks]


def _label_axes(ax: Any, labels: list[str], totals: list[int]) -> None:
    """Each bar's amount at its end, the bars' labels, an axis in roubles."""
    from matplotlib.ticker import FuncFormatter

    ys = list(range(len(labels)))
    biggest = max(totals) if totals else 0
    for y, kop in zip(ys, totals, strict=True):
        ax.text(
            kop / KOP_PER_RUB + biggest / KOP_PER_RUB * 0.01,
            y,
            _rub_short(kop),
            va="center",
            fontsize=8,
        )
    ax.set_yticks(ys, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(biggest / KOP_PER_RUB * 1.25, 1))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: _rub_short(int(x * 100))))
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
