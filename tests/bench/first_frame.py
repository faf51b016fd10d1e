"""Start an app headless and say "frame" on stdout the moment its first frame is drawn.

    python tests/bench/first_frame.py bare
    python tests/bench/first_frame.py followup JOURNAL

`bare` is a Textual app that only shows a label; `followup` is the real app, entered as the
`followup --db JOURNAL` command enters it (the console script's `main`, with its arguments).
Both run headless at 120×36; Textual's own `App` is taught to speak at its first frame, so the
two are measured by the same hook. The caller times from starting the process to reading
"frame", then stops it.
"""

from __future__ import annotations

import os
import sys

SIZE = (120, 36)


def announce_first_frame() -> None:
    """Every Textual app from here on runs headless and writes "frame" once it has drawn one."""
    from textual.app import App

    display, run = App._display, App.run

    def _display(self, screen, renderable) -> None:
        display(self, screen, renderable)
        if renderable is not None and not getattr(self, "_announced", False):
            self._announced = True
            os.write(1, b"frame\n")

    def headless_run(self, *args, **kwargs):
        return run(self, headless=True, size=SIZE)

    App._display, App.run = _display, headless_run


def main() -> None:
    announce_first_frame()
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Label

        class Bare(App):
            def compose(self):
                yield Label("followup")

        Bare().run()
    else:
        from followup_tui.quick import main as followup

        sys.argv = ["followup", "--db", sys.argv[2]]
        followup()


if __name__ == "__main__":
    main()
