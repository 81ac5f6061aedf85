"""会议: models."""
