"""The operators that sell the service: the seller on every invoice of an account's brand.

The requisites come from the settings at start-up (`configure`): a TOML file named by
`OPERATOR_REQUISITES_FILE`, or `OPERATOR_MEGAFON__INN=…`-style settings. Until then, and in the
demo, they are the demo's (`storage/demo_requisites.toml`), marked `is_sample`: every document
made with them carries a visible «ОБРАЗЕЦ». Each set is checked when loaded: INN and OGRN with
python-stdnum, KPP, BIK and the control keys of both bank accounts with ru-requisites.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ru_requisites import AccountKind, validate_account, validate_bic_format, validate_kpp
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn as ru_inn
from stdnum.ru import ogrn as ru_ogrn

from domain.types import Brand

DEMO_REQUISITES_FILE = Path(__file__).resolve().parents[2] / "storage" / "demo_requisites.toml"


@dataclass(frozen=True)
class OperatorRequisites:
    brand: Brand
    brand_name: str  # how users call it: «МегаФон», «Yota»
    name: str  # the legal name on documents
    inn: str
    kpp: str
    ogrn: str
    address: str
    bank_name: str
    bik: str
    correspondent_account: str
    settlement_account: str
    head_title: str
    head_name: str
    accountant_name: str
    phone: str
    email: str
    # The demo's requisites: documents carry «ОБРАЗЕЦ» (PDF: `CabinetPdf`; HTML renderers too).
    is_sample: bool = False


FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(OperatorRequisites) if f.name not in {"brand", "is_sample"}
)


class RequisitesError(ValueError):
    """A requisite is missing or wrong; the message is one line naming where it came from."""


def _check(brand: Brand, values: Mapping[str, str], where: str) -> None:
    def fail(name: str, why: str) -> RequisitesError:
        return RequisitesError(f"{where.format(brand=brand.value, field=name)} {why}")

    try:
        ru_inn.validate(values["inn"])
        if len(values["inn"]) != 10:
            raise fail("inn", "is not the INN of a company (10 digits)")
    except StdnumError:
        raise fail("inn", f"is not a valid INN: {values['inn']!r}") from None
    try:
        ru_ogrn.validate(values["ogrn"])
    except StdnumError:
        raise fail("ogrn", f"is not a valid OGRN: {values['ogrn']!r}") from None
    if not validate_kpp(values["kpp"]).ok:
        raise fail("kpp", f"is not a valid KPP: {values['kpp']!r}")
    bik = values["bik"]
    if not validate_bic_format(bik).ok:
        raise fail("bik", f"is not a valid BIK: {bik!r}")
    for name, kind in (
        ("correspondent_account", AccountKind.CORRESPONDENT),
        ("settlement_account", AccountKind.SETTLEMENT),
    ):
        result = validate_account(values[name], bic=bik, kind=kind)
        if not result.ok:
            code = result.code.value if result.code else "invalid"
            raise fail(name, f"does not match BIK {bik} ({code}): {values[name]!r}")


def requisites_of(
    brand: Brand,
    values: Mapping[str, Any],
    *,
    sample: bool = False,
    where: str = "{brand}.{field}",
) -> OperatorRequisites:
    """Build and check one operator's requisites. `where` names a field in error messages."""
    clean = {k: str(v).strip() for k, v in values.items() if v is not None and str(v).strip()}
    for name in FIELDS:
        if name not in clean:
            raise RequisitesError(f"{where.format(brand=brand.value, field=name)} is missing")
    _check(brand, clean, where)
    return OperatorRequisites(brand=brand, is_sample=sample, **{n: clean[n] for n in FIELDS})


def load_requisites_file(path: str | Path) -> dict[Brand, OperatorRequisites]:
    """A TOML file with a `[megafon]` and a `[yota]` table (see `storage/demo_requisites.toml`)."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RequisitesError(f"{file}: {exc}") from None
    sample = bool(data.get("sample", False))
    result = {}
    for brand in Brand:
        table = data.get(brand.value)
        if not isinstance(table, dict):
            raise RequisitesError(f"{file}: the [{brand.value}] table is missing")
        result[brand] = requisites_of(
            brand, table, sample=sample, where=f"{file}: [{{brand}}] {{field}}"
        )
    return result


_configured: dict[Brand, OperatorRequisites] | None = None
_demo: dict[Brand, OperatorRequisites] | None = None


def demo_requisites() -> dict[Brand, OperatorRequisites]:
    global _demo
    if _demo is None:
        _demo = load_requisites_file(DEMO_REQUISITES_FILE)
    return _demo


def configure(operators: Mapping[Brand, OperatorRequisites] | None) -> None:
    """Use these requisites from now on (None: back to the demo's)."""
    global _configured
    _configured = dict(operators) if operators is not None else None


def operator_for(brand: Brand) -> OperatorRequisites:
    return (_configured or demo_requisites())[brand]


def samples_in_use() -> bool:
    """True while any brand's seller is the demo's: documents are then marked «ОБРАЗЕЦ»."""
    return any(op.is_sample for op in (_configured or demo_requisites()).values())
