"""The product catalog: database models, importers, demo data and retrieval."""
