"""The prompt templates (YAML), installed with the assistant as the package `assistant.prompts`."""
