"""The rules that span files, and the integrity of released versions."""
