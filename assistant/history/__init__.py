"""Stored chat sessions: their events and messages, and running a turn of one."""
