"""τ²-bench retail played against the assistant: the expected database after a task's gold
actions, the comparison with the store after a conversation, and a simulated customer."""
