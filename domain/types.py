"""The cabinet's vocabulary: enums and value types shared by every layer.

This module imports nothing of ours, so that storage can map these to columns and keyboards
can name them in callback data.
"""

from __future__ import annotations

from enum import StrEnum


class Brand(StrEnum):
    MEGAFON = "megafon"
    YOTA = "yota"


class Role(StrEnum):
    UNION_COORDINATOR = "union_coordinator"
    COORDINATOR = "coordinator"
    ASSISTANT = "assistant"
    NUMBER_MANAGER = "number_manager"
    VIEWER = "viewer"


class AccountType(StrEnum):
    POSTPAID = "postpaid"
    PREPAID = "prepaid"


class DeliveryMethod(StrEnum):
    EMAIL = "email"
    EDO = "edo"


class SubscriberStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    PENDING = "pending"  # waits for the number's owner to confirm by SMS
    REMOVED = "removed"


class SimStatus(StrEnum):
    IN_USE = "in_use"
    RESERVE = "reserve"
    RETIRED = "retired"


class PaymentType(StrEnum):
    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    CASHBACK = "cashback"
    ADJUSTMENT = "adjustment"


class OpType(StrEnum):
    """What a row of the payments list is: a payment of some type, or a charge (a filter)."""

    BANK_TRANSFER = PaymentType.BANK_TRANSFER.value
    CARD = PaymentType.CARD.value
    CASHBACK = PaymentType.CASHBACK.value
    ADJUSTMENT = PaymentType.ADJUSTMENT.value
    CHARGE = "charge"


class ExportFormat(StrEnum):
    """The file an export of payments is written as."""

    XLSX = "xlsx"
    CSV = "csv"
    TXT = "txt"


class ChargeCategory(StrEnum):
    CALLS = "calls"
    SMS = "sms"
    INTERNET = "internet"
    ROAMING = "roaming"
    SUBSCRIPTION = "subscription"
    SERVICES = "services"


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    INVOICE_DETAILED = "invoice_detailed"
    VAT_INVOICE = "vat_invoice"
    RECONCILIATION = "reconciliation"
    PREPAYMENT_INVOICE = "prepayment_invoice"


class DocumentFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


class NotifyBy(StrEnum):
    """How the user hears that the documents of an order are ready."""

    NONE = "no"
    SMS = "sms"
    EMAIL = "email"


class DocumentStatus(StrEnum):
    QUEUED = "queued"
    MAKING = "making"
    READY = "ready"
    SENT = "sent"  # handed to delivery: the chat, e-mail (the outbox delivers it once)
    FAILED = "failed"


class OrderKind(StrEnum):
    CHANGE_TARIFF = "change_tariff"
    SERVICE_ON = "service_on"
    SERVICE_OFF = "service_off"
    REPLACE_SIM = "replace_sim"
    ATTACH_SIM = "attach_sim"
    BLOCK = "block"
    UNBLOCK = "unblock"
    FORWARDING = "forwarding"
    DOCUMENTS = "documents"
    RECONCILIATION = "reconciliation"


class OrderStatus(StrEnum):
    NEW = "new"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    PARTIAL = "partial"
    FAILED = "failed"
    CANCELLED = "cancelled"


class StatusFilter(StrEnum):
    """The orders list's filter: a group of order statuses."""

    ANY = ""
    OPEN = "open"  # accepted, scheduled, in progress
    DONE = "done"  # completed
    PROBLEM = "problem"  # partial or failed
    CANCELLED = "cancelled"


class OrderItemStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class PickMode(StrEnum):
    """How the numbers of an order are picked."""

    LIST = "list"  # ticked in the check-box list
    GROUP = "group"
    LABEL = "label"
    ACCOUNT = "account"
    ALL = "all"


class DatePick(StrEnum):
    """A date an order takes effect on, chosen with one button: it means the day it is pressed
    on, not the day the button was shown."""

    TODAY = "today"
    NEXT_MONTH = "next"  # the 1st of next month


class TicketKind(StrEnum):
    SUPPORT = "support"
    REMOTE_SERVICE = "remote_service"


class TicketStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"  # waiting for the client
    ANSWERED = "answered"
    CLOSED = "closed"


class TicketTopic(StrEnum):
    """What a ticket is about; the client picks one, the application has its own."""

    BILLING = "billing"
    DOCUMENTS = "documents"
    SIM = "sim"
    TARIFFS = "tariffs"
    QUALITY = "quality"
    OTHER = "other"
    REMOTE_SERVICE = "remote_service"


class TicketSort(StrEnum):
    DATE = "d"
    STATUS = "s"


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


class TicketAuthor(StrEnum):
    CLIENT = "client"
    STAFF = "staff"


class ForwardingType(StrEnum):
    UNCONDITIONAL = "unconditional"
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    UNREACHABLE = "unreachable"


class Channel(StrEnum):
    TELEGRAM = "telegram"
    SMS = "sms"
    EMAIL = "email"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class CodePurpose(StrEnum):
    LOGIN = "login"
    RECOVERY = "recovery"
    EMAIL_CHANGE = "email_change"
    PHONE_CHANGE = "phone_change"
    SUBSCRIBER_CONFIRM = "subscriber_confirm"


class CashbackKind(StrEnum):
    ACCRUAL = "accrual"
    SPEND = "spend"


class AuditResult(StrEnum):
    OK = "ok"
    DENIED = "denied"
    FAILED = "failed"


class QuickRange(StrEnum):
    """A period chosen with one button (payments, statistics)."""

    THIS_MONTH = "month"
    LAST_MONTH = "last_month"
    QUARTER = "quarter"
    YEAR = "year"


class StatsView(StrEnum):
    """How the spending statistics are grouped."""

    ACCOUNTS = "acc"
    NUMBERS = "num"
    CATEGORIES = "cat"
