"""The command palette's list: the journal's own commands first, in the order the app gives them.

Textual's `SystemCommandsProvider` sorts what it shows before anything is typed by name, which
put Textual's Keys, Maximize and Screenshot among the journal's; here the list keeps the app's
order (`FollowupApp.get_system_commands`). Typing still searches them all by fuzzy match.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider


class JournalCommands(SystemCommandsProvider):
    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)
