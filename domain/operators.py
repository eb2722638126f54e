"""The operators that sell the service: the seller on every invoice of an account's brand.

The names and registration numbers are those of the public registers; the bank details are the
demo deployment's and are meant to be replaced by the operator's own before real invoices go out.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.types import Brand


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


OPERATORS: dict[Brand, OperatorRequisites] = {
    Brand.MEGAFON: OperatorRequisites(
        brand=Brand.MEGAFON,
        brand_name="МегаФон",
        name="ПАО «МегаФон»",
        inn="7812014560",
        kpp="770701001",
        ogrn="1027809169585",
        address="127006, г. Москва, Оружейный пер., д. 41",
        bank_name="ПАО «Банк-Демо», г. Москва",
        bik="044525999",
        correspondent_account="30101810400000000999",
        settlement_account="40702810900000012345",
        head_title="Генеральный директор",
        head_name="по доверенности",
        accountant_name="по доверенности",
        phone="8 800 550-05-55",
        email="b2b@megafon.example",
    ),
    Brand.YOTA: OperatorRequisites(
        brand=Brand.YOTA,
        brand_name="Yota",
        name="ООО «Скартел»",
        inn="7701725181",
        kpp="770301001",
        ogrn="1077758841555",
        address="123100, г. Москва, Краснопресненская наб., д. 12",
        bank_name="ПАО «Банк-Демо», г. Москва",
        bik="044525999",
        correspondent_account="30101810400000000999",
        settlement_account="40702810200000054321",
        head_title="Генеральный директор",
        head_name="по доверенности",
        accountant_name="по доверенности",
        phone="8 800 550-00-07",
        email="b2b@yota.example",
    ),
}


def operator_for(brand: Brand) -> OperatorRequisites:
    return OPERATORS[brand]
