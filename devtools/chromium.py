"""How the project starts Debian's Chromium, for the browser tests and the page-weight bench alike."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("DMF_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium from calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]
