"""The dialogue: conversation state, the next action, the moves and the fixed replies."""
