"""The one error a conversion can end with: bad input, told to the editor in one line."""

from __future__ import annotations


class ConversionError(Exception):
    """A source that cannot be converted; `line` is 1-based, 0 when the file as a whole."""

    def __init__(self, message: str, line: int = 0):
        self.message = message
        self.line = line
        super().__init__(message)
