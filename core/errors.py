"""Errors that carry a message meant for the user.

A :class:`WealthMapError` says what is wrong, where, and how to fix it. Docks show
it in the message bar, Processing algorithms re-raise it as a
``QgsProcessingException``, and the console API lets it propagate.
"""


class WealthMapError(Exception):
    """A problem the user can fix; ``str(err)`` is the translated message."""

    def __init__(self, message, details=None):
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self):
        return self.message


class CancelledError(WealthMapError):
    """The user cancelled the operation (what was done so far is kept)."""
