"""Test-side name for the synthetic framework maker, which the benchmark script shares."""

from devtools.synthetic import JAPANESE, framework_dict, make_framework, write_framework

__all__ = ["JAPANESE", "framework_dict", "make_framework", "write_framework"]
