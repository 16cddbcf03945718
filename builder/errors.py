"""The only exception types a user ever sees; the CLI turns them into one line."""

from __future__ import annotations

from pathlib import Path


class BuilderError(Exception):
    """A problem the user can fix; printed as one line without a traceback."""


class InputError(BuilderError):
    """A problem in one input file, reported as `path:line: message`."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # raised in a worker process, shown by the parent
        return (InputError, (self.path, self.line, self.message))
