"""Files attached to a ticket: checked before they are kept.

A file is kept as Telegram's `file_id` (the bot can send it again by that id) with its name,
type and size. Before that it must pass: a size limit, an allowed type (images, PDF, office
documents, archives — judged by the extension and the type Telegram reports, so that
`invoice.pdf.exe` or a program labelled as a picture is refused), and a name made safe (no
folders, no control or reserved characters, not too long, the extension kept).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from domain.errors import ValidationFailed
from domain.types import AttachmentKind

MAX_FILES = 10
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
NAME_LIMIT = 100

IMAGES = frozenset({"jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "bmp", "tif", "tiff"})
PDF = frozenset({"pdf"})
OFFICE = frozenset(
    {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv"}
)
ARCHIVES = frozenset({"zip", "rar", "7z", "tar", "gz", "tgz"})
ALLOWED = IMAGES | PDF | OFFICE | ARCHIVES

# Types that are programs or scripts, whatever the name says.
_DANGEROUS_MIME = (
    "application/x-msdownload",
    "application/x-msdos-program",
    "application/x-executable",
    "application/x-sharedlib",
    "application/x-sh",
    "application/x-bat",
    "application/x-dosexec",
    "application/vnd.microsoft.portable-executable",
    "application/java-archive",
    "application/javascript",
    "text/javascript",
    "text/html",
)
_RESERVED = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Attachment:
    """A checked file, as the dialog keeps it (a plain dict in the FSM data) and the ticket
    stores it."""

    file_id: str
    name: str
    mime: str
    size: int
    kind: AttachmentKind

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attachment:
        return cls(
            file_id=str(data["file_id"]),
            name=str(data["name"]),
            mime=str(data["mime"]),
            size=int(data["size"]),
            kind=AttachmentKind(data["kind"]),
        )


def extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot + 1 :].lower() if dot > 0 else ""


def safe_name(raw: str, fallback: str = "file") -> str:
    """The last path component, without control or reserved characters, at most NAME_LIMIT
    characters with the extension kept; `fallback` when nothing is left."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _RESERVED.sub("_", name)
    name = _SPACES.sub(" ", name).strip().lstrip(".").strip()
    if not name or set(name) <= {"_", " "}:
        name = fallback
    if len(name) > NAME_LIMIT:
        ext = extension(name)
        tail = f".{ext}" if ext and len(ext) <= 10 else ""
        name = name[: NAME_LIMIT - len(tail)].rstrip() + tail
    return name


def check_file(
    *,
    file_id: str,
    name: str | None,
    mime: str | None,
    size: int | None,
    kind: AttachmentKind,
    index: int = 1,
) -> Attachment:
    """A file the user sent, checked; `ValidationFailed` says what is wrong with it.

    `index` is its number among the ticket's files (a photo has no name of its own and gets
    `photo_<index>.jpg`).
    """
    if kind is AttachmentKind.PHOTO:
        clean = safe_name(name or "", f"photo_{index}.jpg")
        if not extension(clean):
            clean += ".jpg"
        mime = mime or "image/jpeg"
    else:
        clean = safe_name(name or "", f"file_{index}")
    if not file_id:
        raise ValidationFailed("tic-file-missing", name=clean)
    if size is not None and size > MAX_FILE_BYTES:
        # The limit alone: a size rounded to it («20 МБ, а можно до 20 МБ») would not say why.
        raise ValidationFailed("tic-file-too-big", name=clean, limit=MAX_FILE_MB)
    ext = extension(clean)
    if ext not in ALLOWED:
        raise ValidationFailed("tic-file-type", name=clean)
    mime = (mime or "application/octet-stream").lower()[:100]
    if mime in _DANGEROUS_MIME or (
        ext in IMAGES and not mime.startswith("image/") and mime != "application/octet-stream"
    ):
        raise ValidationFailed("tic-file-type", name=clean)
    return Attachment(file_id=file_id, name=clean, mime=mime, size=size or 0, kind=kind)


def check_count(current: int) -> None:
    """Before one more file is added to `current` ones."""
    if current >= MAX_FILES:
        raise ValidationFailed("tic-file-too-many", limit=MAX_FILES)
