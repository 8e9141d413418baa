"""The installed package, not the checkout: every package is listed, and a wheel answers a turn.

The wheel is built from a copy of the checkout (a `build/` folder left by an earlier build
would leak stale files into it) and installed, not editable, into a fresh virtual environment
that sees the dependencies of this one through a `.pth` file. A path listed in a `.pth` file
is not itself scanned for `.pth` files, so the checkout's editable finder stays unloaded.
`launch.py` then runs from a temporary folder, so the checkout is not on `sys.path` either.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import venv
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from tests.openai_fixture import FakeOpenAIServer, Stream, chunks
from tests.web_server import free_port

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]
NOT_SOURCES = shutil.ignore_patterns(
    ".venv", ".git", "*_cache", "__pycache__", "build", "*.egg-info", "data", "artifacts"
)
STARTUP_TIMEOUT_S = 90.0
MODEL_SENTENCE = "They are all made for running."
# Where the installed packages come from, printed by the launched process itself, before it
# runs launch.py as `python launch.py` would.
REPORT_THEN_LAUNCH = (
    "import json, runpy, assistant, catalog; "
    "print(json.dumps({'assistant': assistant.__file__, 'catalog': catalog.__file__}), "
    "flush=True); "
    "runpy.run_path('launch.py', run_name='__main__')"
)


def package_folders() -> dict[str, Path]:
    """Every package folder of the checkout (one with an `__init__.py`), by dotted name."""
    roots = {"assistant": ROOT / "assistant", "catalog": ROOT / "catalog"} | {
        name: ROOT / folder for name, folder in SETUPTOOLS["package-dir"].items()
    }
    return {
        ".".join((name, *init.parent.relative_to(root).parts)): init.parent
        for name, root in roots.items()
        for init in root.rglob("__init__.py")
    }


def test_every_package_folder_is_listed_in_pyproject() -> None:
    assert sorted(SETUPTOOLS["packages"]) == sorted(package_folders())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a fresh copy of the checkout."""
    for tool in ("pip", "setuptools"):
        if importlib.util.find_spec(tool) is None:
            pytest.skip(f"{tool} is not installed in this environment; it builds the wheel")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(source),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work / "dist"),
        ]
    )
    [built] = (work / "dist").glob("*.whl")
    return built


def test_the_wheel_holds_the_prompts_the_widget_and_the_message_catalogs(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    prompts = {f"assistant/prompts/{p.name}" for p in (ROOT / "prompts").glob("*.yaml")}
    widget = {
        f"assistant/web/widget/{p.name}" for p in (ROOT / "assistant" / "web" / "widget").iterdir()
    }
    catalogs = {
        f"assistant/translation/{p.relative_to(ROOT / 'assistant' / 'translation')}"
        for p in (ROOT / "assistant" / "translation" / "messages").glob("*/*.po")
    }
    assert prompts and widget and catalogs
    shipped = prompts | widget | catalogs
    assert shipped <= names, sorted(shipped - names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(python, site-packages) of a new virtual environment with the wheel installed."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    site = Path(
        run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)])
    return python, site


@pytest.fixture
def model_server() -> Iterator[FakeOpenAIServer]:
    server = FakeOpenAIServer().start()
    yield server
    server.stop()


@pytest.mark.slow  # launch.py loads MiniLM and embeds the demo catalog (about 20 s on a CPU)
def test_the_installed_app_answers_a_turn(
    installed: tuple[Path, Path], model_server: FakeOpenAIServer, tmp_path: Path
) -> None:
    python, site = installed
    # Twice: should the understander ask the model too, the reply still gets its sentence.
    reply = Stream(chunks(MODEL_SENTENCE))
    model_server.enqueue(reply, reply)
    shutil.copy(ROOT / "launch.py", tmp_path / "launch.py")
    port, origins_path, log_path = free_port(), tmp_path / "origins.json", tmp_path / "launch.log"
    with origins_path.open("w") as origins_file, log_path.open("w") as log:
        process = subprocess.Popen(
            [
                str(python),
                "-c",
                REPORT_THEN_LAUNCH,
                "--port",
                str(port),
                "--data-dir",
                str(tmp_path / "data"),
                "--llm-backend",
                "openai",
                "--openai-base-url",
                model_server.url,
            ],
            cwd=tmp_path,
            env=user_environment(),
            stdout=origins_file,
            stderr=log,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base, process, log_path)
        with httpx.Client(base_url=base, timeout=60) as client:
            session_id = client.post("/api/sessions", json={}).json()["session_id"]
            response = client.post(
                f"/api/sessions/{session_id}/messages", json={"text": "running shoes under $100"}
            )
            widget = client.get("/widget/widget.js")
            chinese = client.post(  # the installed message catalogs answer in Chinese
                f"/api/sessions/{session_id}/messages", json={"text": "重新开始"}
            )
    finally:
        stop(process)

    origins = json.loads(origins_path.read_text())
    for package in ("assistant", "catalog"):
        assert Path(origins[package]).is_relative_to(site), origins
    assert response.status_code == 200, response.text
    lines = [json.loads(line) for line in response.text.splitlines()]
    kinds = [line["type"] for line in lines]
    assert kinds[0] == "products" and kinds[-1] == "done" and "text" in kinds, kinds
    products, done = lines[0]["products"], lines[-1]["message"]
    assert products and all(Decimal(p["price"]) <= 100 for p in products)
    assert done["products"] == products and done["position"] == 1
    assert done["text"].endswith(MODEL_SENTENCE), done["text"]  # the scripted server's words
    assert widget.status_code == 200 and "function" in widget.text
    said = json.loads(chinese.text.splitlines()[-1])["message"]["text"]
    assert said == "好的，我们重新开始。您想找什么？", said  # noqa: RUF001 (Chinese punctuation)


def run(command: list[str]) -> str:
    """Run a command; its stdout, or a failure that shows its output."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{command[:4]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def user_environment() -> dict[str, str]:
    """This environment without what would point the app at the checkout or other settings."""
    return {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
        and not name.startswith("ASSISTANT_")
    }


def wait_until_serving(base: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"launch.py exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if httpx.get(f"{base}/api/shoppers", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass  # not listening yet
        time.sleep(0.25)
    pytest.fail(f"launch.py did not serve within {STARTUP_TIMEOUT_S:.0f} s:\n{tail(log_path)}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
