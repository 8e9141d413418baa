"""The `catalog` command: import product files into the catalog database, seed the demo store.

    catalog import FILE [--format csv|json|jsonl] [--mapping YAML] [--map field=column ...]
                        [--delete-missing] [--no-embed]
                        [--database-url URL] [--no-progress]
    catalog import-store FOLDER [--no-embed] [--database-url URL] [--no-progress]
    catalog embed [--database-url URL] [--no-progress]
    catalog seed-demo [--database-url URL] [--no-progress]
    catalog db upgrade [--database-url URL]
    catalog db prune [--days DAYS] [--database-url URL]

`import-store` imports a whole τ²-bench retail store (a folder with db.json and policy.md):
its products with their variants, customers, orders and policy.
`db upgrade` brings the database to the newest schema (Alembic's migrations in
catalog/migrations); a database made before migrations existed gets its missing tables and
columns. `db prune` deletes anonymous chat sessions idle for over DAYS (default: the app's
`anonymous_session_days`).

An import prints its report, every rejected row with its line and reason included, and exits 0
once the file has been processed; 1 when the file, the mapping or the database cannot be used.
Products are embedded by the packaged MiniLM (`main` takes another embedder factory).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from pydantic import ValidationError

from catalog.db import create_schema, make_engine, session_factory
from catalog.embedding import Embedder
from catalog.importer import embed_missing, import_file
from catalog.mapping import load_mapping
from catalog.readers import FORMATS, ImportFileError
from catalog.retention import expire_anonymous_sessions
from catalog.schema import SchemaMismatch, adopt, current_revision


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="catalog", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="SQLAlchemy URL (default: the app's settings)")
    common.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    imp = commands.add_parser("import", parents=[common], help="import a CSV/JSON/JSONL file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=FORMATS, help="default: from the file's suffix")
    imp.add_argument("--mapping", help="field mapping YAML file, or a bundled name (flipkart)")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="map one field, e.g. price=retail_price or 'price=col | number'",
    )
    imp.add_argument("--encoding", default="utf-8", help="text encoding of the file")
    imp.add_argument(
        "--delete-missing",
        action="store_true",
        help="delete products whose SKU the file no longer has",
    )
    imp.add_argument(
        "--no-embed",
        action="store_true",
        help="leave new and changed products unembedded (run `catalog embed` later)",
    )
    store = commands.add_parser(
        "import-store", parents=[common], help="import a τ²-bench retail store folder"
    )
    store.add_argument("folder", type=Path, help="a folder with db.json and policy.md")
    store.add_argument("--no-embed", action="store_true", help="leave products unembedded")
    commands.add_parser("embed", parents=[common], help="embed products that have no embedding")
    commands.add_parser("seed-demo", parents=[common], help="load the demo store if empty")
    db = commands.add_parser("db", help="the database's schema and old sessions")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", parents=[common], help="migrate to the newest schema")
    prune = db_commands.add_parser(
        "prune", parents=[common], help="delete old anonymous chat sessions"
    )
    prune.add_argument("--days", type=float, help="idle days (default: the app's settings)")
    return parser


def _database_url(url: str | None) -> str:
    if url is None:
        from assistant.app.settings import Settings

        url = Settings().resolved_database_url
    prefix = "sqlite:///"
    if url.startswith(prefix + "~"):
        url = prefix + str(Path(url.removeprefix(prefix)).expanduser())
    return url


EmbedderFactory = Callable[[], Embedder]


def _minilm() -> Embedder:
    from catalog.embedding import MiniLMEmbedder

    return MiniLMEmbedder()


def _run_import(args: argparse.Namespace, make_embedder: EmbedderFactory) -> int:
    mapping = load_mapping(args.mapping, args.map)
    engine = make_engine(_database_url(args.database_url))
    create_schema(engine)
    embedder = None if args.no_embed else make_embedder()
    started = time.perf_counter()
    with session_factory(engine)() as session:
        report = import_file(
            session,
            args.file,
            embedder,
            mapping=mapping,
            file_format=args.format,
            encoding=args.encoding,
            progress=not args.no_progress,
            delete_missing_products=args.delete_missing,
        )
        session.commit()
    for line in report.details():
        print(line)
    print(f"{report.summary()} ({time.perf_counter() - started:.1f} s)")
    return 0


def _run_import_store(args: argparse.Namespace, make_embedder: EmbedderFactory) -> int:
    from catalog.tau2_store import import_store

    engine = make_engine(_database_url(args.database_url))
    create_schema(engine)
    embedder = None if args.no_embed else make_embedder()
    with session_factory(engine)() as session:
        report = import_store(session, args.folder, embedder, progress=not args.no_progress)
        session.commit()
    for line in report.lines():
        print(line)
    return 0


def _run_seed_demo(args: argparse.Namespace, make_embedder: EmbedderFactory) -> int:
    from catalog.demo_loader import seed_demo

    engine = make_engine(_database_url(args.database_url))
    create_schema(engine)
    with session_factory(engine)() as session:
        report = seed_demo(session, make_embedder(), progress=not args.no_progress)
    if report.processed == 0:
        print("the catalog already has products: nothing seeded")
        return 0
    for line in report.details():
        print(line)
    print(report.summary())
    return 0


def _run_embed(args: argparse.Namespace, make_embedder: EmbedderFactory) -> int:
    engine = make_engine(_database_url(args.database_url))
    create_schema(engine)
    with session_factory(engine)() as session:
        count = embed_missing(session, make_embedder(), progress=not args.no_progress)
        session.commit()
    print(f"embedded {count} products")
    return 0


def _run_db(args: argparse.Namespace, _make_embedder: EmbedderFactory) -> int:
    engine = make_engine(_database_url(args.database_url))
    if args.db_command == "upgrade":
        for added in adopt(engine):
            print(f"added: {added}")
        print(f"the database is at revision {current_revision(engine)}")
        return 0
    create_schema(engine)
    days = args.days
    if days is None:
        from assistant.app.settings import Settings

        days = Settings().anonymous_session_days
    count = expire_anonymous_sessions(session_factory(engine), timedelta(days=days))
    print(f"deleted {count} anonymous chat sessions idle for over {days:g} days")
    return 0


def main(argv: Sequence[str] | None = None, make_embedder: EmbedderFactory = _minilm) -> int:
    args = _parser().parse_args(argv)
    run = {
        "import": _run_import,
        "import-store": _run_import_store,
        "embed": _run_embed,
        "seed-demo": _run_seed_demo,
        "db": _run_db,
    }[args.command]
    try:
        return run(args, make_embedder)
    except (
        ImportFileError,
        ValidationError,
        ValueError,
        OSError,
        LookupError,
        SchemaMismatch,
    ) as exc:
        print(f"catalog {args.command}: error: {exc}", file=sys.stderr)
        return 1
