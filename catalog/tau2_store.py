"""Import τ²-bench's retail store (a folder with `db.json` and `policy.md`) into the catalog.

Products go through the product importer with the bundled `tau2-retail` mapping (one product
per product type, its items as variants); then customers and orders
(`catalog.tau2_customers`); then the policy, one `Policy` per section, the text under
the `# Title` included. Re-importing updates every record in place. The caller commits.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from catalog.demo_loader import parse_policies
from catalog.embedding import Embedder
from catalog.importer import ImportReport, import_file
from catalog.mapping import load_mapping
from catalog.models import Policy
from catalog.readers import ImportFileError
from catalog.tau2_customers import RecordsReport, import_orders, import_users


@dataclass
class StoreReport:
    """What importing the store did, section by section."""

    products: ImportReport
    users: RecordsReport
    orders: RecordsReport
    policies: int

    def lines(self) -> list[str]:
        """Every rejection and note, then one summary line per section."""
        return [
            *self.products.details(),
            *self.users.details(),
            *self.orders.details(),
            self.products.summary(),
            self.users.summary(),
            self.orders.summary(),
            f"policy: {self.policies} sections",
        ]


def import_store(
    session: Session,
    folder: Path,
    embedder: Embedder | None,
    *,
    progress: bool = False,
    placed_at: datetime | None = None,
) -> StoreReport:
    """Import the store in `folder`; orders, which τ² gives no date, are placed at
    `placed_at` (default: now, naive UTC)."""
    database = folder / "db.json"
    if not database.is_file():
        raise ImportFileError(f"no db.json in {folder}")
    products = import_file(
        session, database, embedder, mapping=load_mapping("tau2-retail"), progress=progress
    )
    data = json.loads(database.read_text(encoding="utf-8"))
    users = import_users(session, data.get("users", {}))
    when = placed_at or datetime.now(UTC).replace(tzinfo=None)
    orders = import_orders(session, data.get("orders", {}), when)
    policies = _replace_policies(session, folder / "policy.md")
    return StoreReport(products, users, orders, policies)


def store_policies(markdown: str) -> list[Policy]:
    """The policy's sections; the `# Title` and the text under it make the first one."""
    return parse_policies(re.sub(r"^#[ \t]", "## ", markdown, count=1, flags=re.MULTILINE))


def _replace_policies(session: Session, path: Path) -> int:
    """Store the policy file's sections in place of any with the same topics."""
    if not path.is_file():
        return 0
    policies = store_policies(path.read_text(encoding="utf-8"))
    session.execute(delete(Policy).where(Policy.topic.in_([p.topic for p in policies])))
    session.add_all(policies)
    session.flush()
    return len(policies)
