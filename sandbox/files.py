"""Files the bot and the users have sent: bytes kept in memory under Telegram-like ids."""

from __future__ import annotations

import hashlib
import itertools
import mimetypes
import struct
from dataclasses import dataclass
from typing import Any

from sandbox.errors import TelegramError, bad_request

# Bot API limits: 50 MB to upload as a bot, 20 MB to download through getFile.
UPLOAD_LIMIT = 50 * 1024 * 1024
DOWNLOAD_LIMIT = 20 * 1024 * 1024
PHOTO_LIMIT = 10 * 1024 * 1024


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str
    mime_type: str
    kind: str  # "documents", "photos", "stickers": the folder Telegram puts it in

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def file_path(self) -> str:
        return f"{self.kind}/file_{self.file_unique_id}{_extension(self.file_name)}"


def _extension(file_name: str) -> str:
    dot = file_name.rfind(".")
    return file_name[dot:] if dot > 0 else ""


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def add(self, data: bytes, file_name: str, mime_type: str | None, kind: str) -> StoredFile:
        number = next(self._counter)
        digest = hashlib.sha1(data + str(number).encode()).hexdigest()
        stored = StoredFile(
            # Long opaque ids like Telegram's, so code can't rely on them being short.
            file_id=f"SBX{kind[:3].upper()}{number:06d}{digest[:32]}",
            file_unique_id=f"U{number:06d}{digest[32:40]}",
            data=data,
            file_name=file_name,
            mime_type=mime_type or guess_mime(file_name),
            kind=kind,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile:
        stored = self._by_id.get(file_id)
        if stored is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return stored

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)

    def known(self, file_id: str) -> bool:
        return file_id in self._by_id


def guess_mime(file_name: str) -> str:
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


def document_dict(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_size": stored.size,
    }


# What a photo that is not a real picture (user side, tests) claims to measure.
DEFAULT_PHOTO_SIZE = (1280, 720)


def photo_media(stored: StoredFile) -> list[dict[str, Any]]:
    """The PhotoSize list of a photo; one size is enough for the bot and the tests."""
    width, height = image_size(stored.data) or DEFAULT_PHOTO_SIZE
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "width": width,
            "height": height,
        }
    ]


def file_dict(stored: StoredFile) -> dict[str, Any]:
    if stored.size > DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


def check_upload(data: bytes, *, photo: bool) -> None:
    if not data:
        raise bad_request("file must be non-empty")
    limit = PHOTO_LIMIT if photo else UPLOAD_LIMIT
    if len(data) > limit:
        raise TelegramError(413, "Request Entity Too Large")


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, JPEG or GIF; None when it is not a picture Telegram
    could process (it answers IMAGE_PROCESS_FAILED for those)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return 512, 512  # dimensions are not needed by anything; WebP headers vary
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        # SOF0..SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return int(width), int(height)
        i += 2 + length
    return None
