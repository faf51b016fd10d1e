"""`python -m followup_tui` runs the same command as `followup`."""

from followup_tui.quick import main

main()
