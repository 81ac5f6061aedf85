"""信访: models."""
