"""Settings and wiring: builds the real assistant and its services."""
