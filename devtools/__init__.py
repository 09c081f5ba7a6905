"""Maintainers' tools: benchmarks, synthetic frameworks, readability. Not part of the package."""
