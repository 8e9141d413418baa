import pytest

from assistant.understanding.guard import check_message


@pytest.mark.parametrize("raw", ["", "   ", None, "\x00\x07"])
def test_empty(raw):
    assert "empty" in check_message(raw, 100).problem


def test_too_long_is_refused_kindly():
    checked = check_message("a" * 20_000, 2000)
    assert "20,000 characters" in checked.problem and "kept" in checked.problem


@pytest.mark.parametrize("raw", ["😀👍🔥", "!!! ???", "🛒"])
def test_symbols_only(raw):
    assert check_message(raw, 100).problem


def test_normal_text_passes_trimmed():
    assert check_message("  black boots\n", 100) == check_message("black boots", 100)
    assert check_message("black boots", 100).problem is None
