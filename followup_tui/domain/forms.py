"""What every form's check raises: the fields to fix, each with a message to show beside it."""

from __future__ import annotations


class FormErrors(Exception):
    """Field name → what is wrong with it, to show beside each field."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


class FieldRefused(ValueError):
    """One value refused: the field it was for and what is wrong, for each door to word its own way
    (a form puts `problem` beside the field; the command line names its option)."""

    def __init__(self, field: str, problem: str, message: str = ""):
        super().__init__(message or problem)
        self.field, self.problem = field, problem
