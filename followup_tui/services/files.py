"""Writing exports: whole or not at all, and private to the user like the journal itself."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_private(path: Path, text: str | bytes) -> None:
    """Write `text` (UTF-8, or bytes as they are) to `path`, mode 0600, through a temporary file,
    so no half file is left."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give a file name")
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode() if isinstance(text, str) else text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
