"""The form a name is searched and compared in: the same for whatever a person types.

SQLite's `lower()` folds ASCII only, so `VIP` and `ИТ` could not be found by `vip` and `ит`;
`ё` and `е` are one letter to most readers. Each searchable name keeps its folded copy in a
column of its own (`name_key`), written whenever the name is (`storage.models`), so a search
or a uniqueness check compares plain strings on PostgreSQL and SQLite alike and can use an
index.
"""

from __future__ import annotations


def fold(text: str) -> str:
    """`  Алёна   VIP ` → `алена vip`: case folded (Cyrillic too), `ё` as `е`, spaces single."""
    return " ".join(text.casefold().replace("ё", "е").split())
