import pytest

from assistant.understanding.guard import UNSUPPORTED, check_message


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


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Ich suche eine wasserdichte Jacke für Damen", True),
        ("防水のジャケットを探しています", True),  # Japanese: kana
        ("Ищу тёплую куртку", True),
        ("Procuro uma mochila com bolso", True),
        ("non-stick pan under $40", False),  # one Italian-looking word inside English
        ("die cast model car", False),
        ("Je cherche des lunettes de soleil", False),
        ("我想买一双100美元以下的男士跑鞋", False),
        ("Busco una chaqueta impermeable para mujer", False),
    ],
)
def test_a_language_the_shop_does_not_read_gets_the_supported_ones_in_english(text, refused):
    checked = check_message(text, 2000)
    assert (checked.problem == UNSUPPORTED) is refused
    assert "English, Chinese (中文), Spanish (español) and French (français)" in UNSUPPORTED
