"""The shop's side of a conversation: cart, orders, store policies and feedback."""
