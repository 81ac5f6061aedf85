"""Requests that need the government's approval in advance (arts. 57, 59, 60)."""
