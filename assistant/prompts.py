"""Prompt templates kept as YAML files in `prompts/`, rendered strictly into chat messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined

from assistant.llm import Message

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
ROLES = ("system", "user")


class PromptLibrary:
    """Loads every `*.yaml` prompt once; `render()` fails on any unknown or missing variable."""

    def __init__(self, directory: Path = PROMPTS_DIR) -> None:
        env = Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
        self._templates = {}
        for path in sorted(directory.glob("*.yaml")):
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
            unknown = set(spec) - set(ROLES)
            if unknown:
                raise ValueError(f"{path.name}: unknown roles {sorted(unknown)}")
            self._templates[path.stem] = {role: env.from_string(spec[role]) for role in ROLES}

    @property
    def names(self) -> list[str]:
        return sorted(self._templates)

    def render(self, name: str, **variables: Any) -> list[Message]:
        templates = self._templates[name]
        return [
            Message(role=role, content=templates[role].render(**variables).strip())
            for role in ROLES
        ]
