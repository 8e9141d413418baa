"""Prompt templates kept as YAML files in `prompts/`, rendered strictly into chat messages.

The top-level `prompts/` folder is installed as the package `assistant.prompts` (see
`package-dir` in pyproject.toml), so an editable checkout and an installed wheel find the
same templates through `importlib.resources`.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined

from assistant.llm.base import Message

PROMPTS = files("assistant.prompts")
ROLES = ("system", "user")


class PromptLibrary:
    """Loads every `*.yaml` prompt once; `render()` fails on any unknown or missing variable."""

    def __init__(self, directory: Traversable = PROMPTS) -> None:
        env = Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
        self._templates = {}
        yaml_files = (path for path in directory.iterdir() if path.name.endswith(".yaml"))
        for path in sorted(yaml_files, key=lambda path: path.name):
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
            unknown = set(spec) - set(ROLES)
            if unknown:
                raise ValueError(f"{path.name}: unknown roles {sorted(unknown)}")
            name = path.name.removesuffix(".yaml")
            self._templates[name] = {role: env.from_string(spec[role]) for role in ROLES}

    @property
    def names(self) -> list[str]:
        return sorted(self._templates)

    def render(self, name: str, **variables: Any) -> list[Message]:
        templates = self._templates.get(name)
        if templates is None:
            raise KeyError(f"no prompt {name!r}; the installed prompts are {self.names}")
        return [
            Message(role=role, content=templates[role].render(**variables).strip())
            for role in ROLES
        ]
