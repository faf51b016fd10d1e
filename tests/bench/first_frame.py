"""Start an app headless and say "frame" on stdout the moment its first frame is drawn.

    python tests/bench/first_frame.py bare
    python tests/bench/first_frame.py followup JOURNAL [--down]

`bare` is a Textual app that only shows a label; `followup` is the real app, entered as the
`followup --db JOURNAL` command enters it (the console script's `main`, with its arguments).
Both run headless at 120×36; Textual's own `App` is taught to speak at its first frame, so the
two are measured by the same hook. With `--down`, `down` is pressed the moment the first frame
is drawn, and "answered" is said at the first frame showing the Timeline's highlight moved: what
the app's work after its first frame costs a person who presses a key at once. The caller times
from starting the process to each line, then stops it.
"""

from __future__ import annotations

import os
import sys

SIZE = (120, 36)


def announce_first_frame(press_down: bool = False) -> None:
    """Every Textual app from here on runs headless and writes "frame" once it has drawn one."""
    from textual.app import App

    display, run = App._display, App.run
    seen: dict[str, object] = {}

    def _display(self, screen, renderable) -> None:
        display(self, screen, renderable)
        if renderable is None:
            return
        if "frame" not in seen:
            seen["frame"] = True
            os.write(1, b"frame\n")
            if press_down:
                seen["highlighted"] = self.screen.query_one("#timeline-list").highlighted
                self.call_later(self.simulate_key, "down")
        elif press_down and "answered" not in seen:
            if self.screen.query("#timeline-list").first().highlighted != seen["highlighted"]:
                seen["answered"] = True
                os.write(1, b"answered\n")

    def headless_run(self, *args, **kwargs):
        return run(self, headless=True, size=SIZE)

    App._display, App.run = _display, headless_run


def main() -> None:
    announce_first_frame(press_down="--down" in sys.argv)
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Label

        class Bare(App):
            def compose(self):
                yield Label("followup")

        Bare().run()
    else:
        import followup_tui.ui.launch as launch
        from followup_tui.quick import main as followup

        launch.no_terminal = lambda: None  # headless: the frame is drawn for no terminal at all
        sys.argv = ["followup", "--db", sys.argv[2]]
        followup()


if __name__ == "__main__":
    main()
