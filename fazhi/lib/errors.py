"""One error type for the core; views, the API and the CLI translate it at the edge."""


class FazhiError(Exception):
    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message
