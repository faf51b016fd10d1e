"""Where the layout of every screen over the journal lives.

The journal screen's own rules (`app.tcss`) are all the first frame parses; the rest are in
one stylesheet that each other screen names as its CSS_PATH, and that the app reads just after
the first frame, so no screen waits for it when opened.
"""

from pathlib import Path

SCREEN_STYLES = "screens.tcss"

SCREEN_STYLES_PATH = Path(__file__).parent / SCREEN_STYLES
