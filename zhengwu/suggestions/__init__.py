"""Deputies' suggestions and members' proposals (建议提案, art. 31)."""
