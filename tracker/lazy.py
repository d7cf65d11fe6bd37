"""What a module names, imported when first wanted."""

from __future__ import annotations

import importlib
from typing import Any


def loaded(ref: str) -> Any:
    """The object `ref` names ("tracker.cli.values:import_cmd"), its module imported on
    first use: a command or a screen waits only for its own imports."""
    module, name = ref.split(":")
    return getattr(importlib.import_module(module), name)
