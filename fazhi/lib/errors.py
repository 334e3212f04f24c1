"""One error type for the core; ``fazhi.lib.edge`` translates it for pages, htmx, the API and the CLI."""


class FazhiError(Exception):
    """Something the user asked for cannot be done; ``message`` says why, in Chinese."""

    status = 400

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class Refused(FazhiError):
    """The acting user may not do this: the one refusal of the permission door.

    ``hidden`` when the user may not even read the unit: the answer is then "not
    found", so that the existence of another unit's data is not revealed.
    """

    def __init__(self, message: str, *, hidden: bool = False) -> None:
        super().__init__(message, "not-found" if hidden else "forbidden")
        self.hidden = hidden
        self.status = 404 if hidden else 403
