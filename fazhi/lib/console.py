"""Printing from the command line."""

from __future__ import annotations

import os
import sys


def emit(text: str) -> None:
    """Print a command's output; a reader that left ("fazhi parse … | head") is not an error of ours."""
    try:
        print(text)
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (stays open for the interpreter's final flush)
