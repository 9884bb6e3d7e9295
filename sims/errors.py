"""The one exception type whose message is shown to the user as is, without a traceback."""


class SimsError(Exception):
    """A problem the user can act on; its message says what was wrong and what to do."""
