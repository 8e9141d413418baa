from decimal import Decimal

import pytest
from jinja2 import UndefinedError

from assistant.facts.cards import ProductCard
from assistant.llm.prompts import PromptLibrary


def test_every_prompt_renders_with_its_variables():
    library = PromptLibrary()
    assert library.names == ["intent", "reply"]
    intent = library.render("intent", message="black boots", previous_request="jackets", shown=4)
    assert [m["role"] for m in intent] == ["system", "user"]
    assert "Previous request: jackets (4 products shown)" in intent[1]["content"]
    assert intent[1]["content"].endswith("black boots")
    card = ProductCard(
        1, "S", "Trail Boot", "Apex", Decimal("99"), "USD", 4.2, 3, 1, None, "Fits: black"
    )
    reply = library.render("reply", request="black boots", products=[card])
    assert "- Trail Boot (rated 4.2)" in reply[1]["content"]
    assert "$99" not in reply[1]["content"]


def test_missing_variable_is_an_error():
    with pytest.raises(UndefinedError):
        PromptLibrary().render("intent", message="hi")


def test_unknown_role_in_a_prompt_file_is_an_error(tmp_path):
    (tmp_path / "bad.yaml").write_text("system: hi\nuser: there\nassistant: no\n")
    with pytest.raises(ValueError, match="unknown roles"):
        PromptLibrary(tmp_path)
