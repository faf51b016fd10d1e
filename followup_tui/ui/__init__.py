"""The Textual interface: presentation only; it reads and writes through services and the store."""
