"""督查督办: models."""
