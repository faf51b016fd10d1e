"""Pure logic of the journal: no I/O, and no imports from the rest of the package."""
