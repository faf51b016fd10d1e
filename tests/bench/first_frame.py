"""Start an app headless and say "frame" on stdout the moment its first frame is drawn.

    python tests/bench/first_frame.py bare
    python tests/bench/first_frame.py followup JOURNAL

`bare` is a Textual app that only shows a label; `followup` is the real app, entered the
way the `followup` command enters it (the command line module first). The caller times
from starting the process to reading "frame", then stops it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def announce_first_frame(app_class: type) -> type:
    class FirstFrame(app_class):
        CSS_PATH = getattr(app_class, "CSS_PATH", None) and str(
            Path(sys.modules[app_class.__module__].__file__).parent / app_class.CSS_PATH
        )
        _announced = False

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None and not self._announced:
                self._announced = True
                os.write(1, b"frame\n")

    return FirstFrame


def main() -> None:
    if sys.argv[1] == "bare":
        from textual.app import App
        from textual.widgets import Label

        class Bare(App):
            def compose(self):
                yield Label("followup")

        app = announce_first_frame(Bare)()
    else:
        import followup_tui.cli  # noqa: F401 - the command loads this before the app
        from followup_tui.domain.clock import clock_from_setting
        from followup_tui.store import Store
        from followup_tui.ui.app import FollowupApp

        store = Store.open(Path(sys.argv[2]), clock_from_setting("2026-11-26"))
        app = announce_first_frame(FollowupApp)(store)
    app.run(headless=True, size=(120, 36))


if __name__ == "__main__":
    main()
