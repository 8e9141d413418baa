"""One settings object for the whole application, read from env vars (ASSISTANT_*) and the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from limits import parse as parse_rate
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATA_DIR = Path.home() / ".cache" / "shopping-assistant"
HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class Settings(BaseSettings):
    """Everything `launch.py` needs to wire the real objects together."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid")

    host: str = "127.0.0.1"
    port: int = 7860
    data_dir: Path = DEFAULT_DATA_DIR
    database_url: str | None = Field(
        default=None, description="Any SQLAlchemy URL; default: SQLite file in data_dir."
    )
    model_cache_dir: Path = Field(
        default=DEFAULT_DATA_DIR / "models",
        description="Where packaged models are converted to safetensors, once.",
    )
    model: str = Field(
        default="qwen2.5-coder-0.5b",
        description=(
            "A packaged model name (see assistant.llm.provisioning) or a local model folder."
        ),
    )
    device: str = Field(default="auto", description="auto, cpu or cuda.")
    quantization: Literal["none", "fp16", "int8"] = Field(
        default="int8",
        description="Linear weights of the local model on the CPU: int8 (fastest), fp16 "
        "(fp32's exact answers, slower) or none (fp32).",
    )
    max_batch: int | None = Field(
        default=None,
        ge=1,
        description="Concurrent generations the local model decodes together; "
        "default 8 on CUDA, 1 on the CPU.",
    )
    llm_backend: Literal["local", "openai"] = Field(
        default="local",
        description="local: the packaged model in this process (transformers); "
        "openai: an OpenAI-compatible server (vLLM, llama.cpp, a hosted API).",
    )
    openai_base_url: str = Field(
        default="http://127.0.0.1:8000/v1",
        description="The server's API root; the assistant POSTs to {base_url}/chat/completions.",
    )
    openai_model: str = Field(
        default="qwen2.5-coder-0.5b", description="The model name the server serves."
    )
    openai_api_key: SecretStr | None = Field(
        default=None, description="Sent as a Bearer token; vLLM needs one only with --api-key."
    )
    openai_max_retries: int = Field(
        default=2, description="Retries before the first token (connection errors, 429, 5xx)."
    )
    load_demo_catalog: bool = Field(
        default=True, description="Seed the bundled demo catalog into an empty database."
    )
    results_per_turn: int = 4
    intent_timeout_s: float = 20.0
    reply_timeout_s: float = 30.0
    reply_max_new_tokens: int = 48
    turn_deadline_s: float = Field(
        default=8.0,
        gt=0,
        description="A turn answers within this long after it arrives; when the model cannot "
        "answer in time, the code-written reply and the cards stand alone.",
    )
    turn_reserve_s: float = Field(
        default=2.0,
        ge=0,
        description="Of the turn's deadline, the time kept for its work after the model "
        "(search, cards, storing): the model work ends this long before the deadline.",
    )
    turn_workers: int | None = Field(
        default=None,
        ge=1,
        description="Turns run at once, on threads apart from the web server's; default: 4 "
        "per CPU core (more runnable turns crowd out the light routes).",
    )
    model_concurrency: int | None = Field(
        default=None,
        ge=1,
        description="Model generations at once; default: the local model's batch size "
        "(1 on the CPU), 8 for an OpenAI-compatible server.",
    )
    model_queue_limit: int | None = Field(
        default=None,
        ge=0,
        description="Model calls that may wait for a free slot (more fail at once and the "
        "turn falls back); default: twice model_concurrency.",
    )
    max_message_chars: int = 2000
    max_session_messages: int = Field(
        default=2000, ge=2, description="Messages one chat session stores; then: start over."
    )
    max_session_events: int = Field(
        default=10_000, ge=1, description="Dialogue events one chat session stores."
    )
    anonymous_session_days: float = Field(
        default=30.0,
        gt=0,
        description="Sessions with no shopper and an empty cart expire after this many idle days.",
    )
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Sites (scheme://host[:port]) that may embed the widget and call the API, "
        "besides the assistant's own; comma-separated in the environment.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names the server answers to besides localhost's (and --host's), "
        "e.g. assistant.example.com or *.example.com; others get 400 (against DNS "
        "rebinding); comma-separated in the environment.",
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, description="Larger API request bodies are refused (413)."
    )
    rate_limit_requests: str = Field(
        default="1200/minute", description="API calls one client address may make (429 beyond)."
    )
    rate_limit_sessions: str = Field(
        default="60/minute", description="Sessions one client address may open or resume."
    )
    rate_limit_messages: str = Field(
        default="30/minute", description="Messages one chat session may send."
    )
    customer_token_secret: SecretStr | None = Field(
        default=None,
        description="Shared with the retailer's site, which signs customer tokens with it "
        "(assistant.app.identity); without it no session can sign in by token.",
    )
    customer_token_max_age_s: int = Field(default=3600, gt=0, le=30 * 24 * 3600)
    demo_sign_in: bool = Field(
        default=False,
        description="Let anyone sign in as any demo shopper (labelled as a demo on the page).",
    )
    widget_title: str = Field(default="Shopping assistant", max_length=60)
    widget_colour: str = Field(
        default="#1d4ed8", pattern=HEX_COLOUR, description="The widget's button and header."
    )
    widget_text_colour: str = Field(
        default="#ffffff", pattern=HEX_COLOUR, description="Text on the widget colour."
    )
    widget_greeting: str = Field(
        default="Hi! Tell me what you're looking for and I'll find it in our shop.",
        max_length=300,
    )

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            value = [part for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            return [str(origin).strip().rstrip("/") for origin in value]
        return value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            return [str(host).strip().lower() for host in value if str(host).strip()]
        return value

    @field_validator("rate_limit_requests", "rate_limit_sessions", "rate_limit_messages")
    @classmethod
    def _rate(cls, value: str) -> str:
        """A rate in the `limits` notation: "60/minute", "5 per second", "1000/hour"."""
        parse_rate(value)
        return value

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or a SQLite file inside `data_dir`."""
        return self.database_url or f"sqlite:///{self.data_dir / 'catalog.sqlite'}"
