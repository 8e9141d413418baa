"""`python -m catalog`: the catalog command line (see catalog.cli)."""

from catalog.cli import main

raise SystemExit(main())
