"""File layouts that more than one side speaks: what an export writes, an import reads."""
