"""Alembic's environment for the store's database: `env.py` and the revisions in `versions/`.

`catalog.schema` runs them (start-up and `catalog db upgrade`); nothing imports this package's
modules directly.
"""
