"""Zip archives of documents; a password-protected one is AES-256 (WinZip AE-2) via pyzipper."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

File = tuple[str, bytes]


def _unique(files: Sequence[File]) -> list[File]:
    seen: dict[str, int] = {}
    out: list[File] = []
    for name, content in files:
        n = seen.get(name, 0)
        seen[name] = n + 1
        if n:
            stem, dot, ext = name.rpartition(".")
            name = f"{stem}_{n + 1}.{ext}" if dot else f"{name}_{n + 1}"
        out.append((name, content))
    return out


def zip_files(files: Sequence[File]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in _unique(files):
            zf.writestr(name, content)
    return buf.getvalue()


def aes_zip_files(files: Sequence[File], password: str) -> bytes:
    import pyzipper  # here: with its crypto library it is 40 ms of start-up, used rarely

    buf = io.BytesIO()
    with pyzipper.AESZipFile(
        buf, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as zf:
        zf.setpassword(password.encode())
        zf.setencryption(pyzipper.WZ_AES, nbits=256)
        for name, content in _unique(files):
            zf.writestr(name, content)
    return buf.getvalue()
