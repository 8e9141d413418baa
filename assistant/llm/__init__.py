"""Language models: one narrow interface, the local and OpenAI-compatible backends, decoding,
prompts."""
