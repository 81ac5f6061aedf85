"""建议提案: models."""
