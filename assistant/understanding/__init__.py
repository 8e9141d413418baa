"""Understanding a message, read once: input limits, the deterministic parse, the rules' intent
and the model's JSON."""
