"""Long text in the user's own editor ($VISUAL, else $EDITOR), as git, jrnl and nb do."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path


class EditorError(Exception):
    """The editor could not be used; the text is left as it was."""


def editor_command() -> list[str]:
    """The command to run: $VISUAL, else $EDITOR, else the first of nano and vi found.

    Read before the app hands the terminal over, so a setting that cannot be used (a quote left
    open, a program that is not there) is an EditorError naming the variable, never a stop."""
    for variable in ("VISUAL", "EDITOR"):
        if setting := os.environ.get(variable, "").strip():
            return _command_in(variable, setting)
    fallback = next((name for name in ("nano", "vi") if shutil.which(name)), None)
    if fallback is None:
        raise EditorError("no editor is set: set $EDITOR (for example export EDITOR=nano)")
    return [fallback]


def _command_in(variable: str, setting: str) -> list[str]:
    """The command $`variable` holds, as a shell would split it, checked to be a program found."""
    try:
        command = shlex.split(setting)
    except ValueError as error:  # an unbalanced quote, a trailing backslash
        reason = str(error).lower().rstrip(".")
        raise EditorError(f"${variable} cannot be read as a command ({reason}): {setting!r}") from None
    if not command or not command[0]:
        raise EditorError(f"${variable} names no command: {setting!r}")
    if shutil.which(command[0]) is None:
        raise EditorError(f"${variable} names {command[0]!r}, which is not a program found on this machine")
    return command


def scratch_folder() -> str | None:
    """Where text being edited is written: the user's runtime folder (XDG_RUNTIME_DIR: in memory,
    theirs alone, emptied at logout) when there is a private one, so a debrief from a private
    journal never reaches a disk in the clear (nor the editor's swap file beside it); else the
    system's temporary folder (None)."""
    from followup_tui.store.unlock import private_runtime_folder

    return private_runtime_folder()


def edit_text(text: str, *, name: str = "followup", command: list[str] | None = None) -> str:
    """`text` as the user left it in their editor (`command`, else `editor_command()`). The file is
    private to them and removed after; a final newline the editor adds is dropped again when
    `text` had none."""
    command = command or editor_command()
    with tempfile.TemporaryDirectory(prefix="followup-", dir=scratch_folder()) as folder:
        path = Path(folder) / f"{name}.txt"
        with open(path, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(path, 0o600)
        try:
            done = subprocess.run([*command, str(path)])
        except OSError as error:
            raise EditorError(f"{command[0]} did not start ({error.strerror or error})") from None
        if done.returncode != 0:
            raise EditorError(f"{command[0]} exited with {done.returncode}; the text is as it was")
        try:
            with open(path, encoding="utf-8", newline="") as file:
                edited = file.read()
        except (OSError, UnicodeDecodeError) as error:
            raise EditorError(f"the edited text could not be read back ({error}); the text is as it was") from None
    if not text.endswith("\n") and edited.endswith("\n") and not edited.endswith("\n\n"):
        edited = edited[:-1]
    return edited
