"""The conversational shopping assistant: understanding, dialogue, language models and UI."""
