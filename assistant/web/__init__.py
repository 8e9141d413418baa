"""The web process: HTTP API, chat page, embeddable widget."""
