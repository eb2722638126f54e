"""A long text's beginning and pieces, measured as Telegram measures (UTF-16 code units)."""

from __future__ import annotations

from domain.long_text import beginning, pieces, utf16_len


def test_an_emoji_counts_two_and_no_piece_is_longer_than_asked() -> None:
    text = "😀" * 2048  # 4,096 units, what Telegram lets a user send
    assert utf16_len(text) == 4096
    parts = pieces(text, 1000)
    assert [utf16_len(p) for p in parts] == [1000, 1000, 1000, 1000, 96]
    assert "".join(parts) == text


def test_pieces_end_between_words_and_keep_every_word() -> None:
    text = " ".join(f"слово{n}" for n in range(1000))
    parts = pieces(text, 500)
    assert all(utf16_len(p) <= 500 for p in parts)
    assert " ".join(parts) == text  # only the spaces where a piece ends are dropped
    assert all(p.split()[-1].startswith("слово") for p in parts)


def test_a_word_longer_than_a_piece_is_cut_at_the_limit() -> None:
    assert pieces("а" * 25, 10) == ["а" * 10, "а" * 10, "а" * 5]


def test_the_beginning_ends_after_a_word_and_is_the_whole_when_it_fits() -> None:
    assert beginning("один два три четыре", 12) == "один два три"
    assert beginning("один два три четыре", 15) == "один два три"
    assert beginning("коротко", 100) == "коротко"
