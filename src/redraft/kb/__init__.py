"""The knowledge base's files, read and validated into one immutable model."""
