"""Use cases the TUI and the command line share; no Textual here."""
