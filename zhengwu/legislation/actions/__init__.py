"""Actions of 规章和规范性文件: one function per thing a user does (see each module)."""
