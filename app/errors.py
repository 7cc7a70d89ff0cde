"""Bad input, or a step not allowed now, as every domain reports it: DomainError (each domain
has its subclass) and Problems, which gathers every problem of one input before raising."""
from __future__ import annotations


class DomainError(ValueError):
    """Bad input, or a step not allowed now: translated messages for the person, each with the
    form field it belongs to (None: the form as a whole). Each domain has its subclass.

    `errors` lists every (message, field) found, so that a form shows all its problems at
    once; `field` is the first one's field and `message` all the messages, so that a caller
    that shows only `message` (a flash, the command line) still loses none of them.
    """

    def __init__(self, message: str | None = None, field: str | None = None, *,
                 errors: list[tuple[str, str | None]] | None = None):
        self.errors = list(errors) if errors else [(message or "", field)]
        self.message = " ".join(str(text) for text, _ in self.errors)
        self.field = self.errors[0][1]
        super().__init__(self.message)


class Problems:
    """Collects a form's problems so that every one is reported at once:

        problems = Problems(RegistrationError)
        name = problems.check(clean_name, value, "name")   # None when it failed
        problems.add(_("..."), "field")
        problems.raise_if_any()                            # one error carrying them all
    """

    def __init__(self, error: type[DomainError] = DomainError):
        self.error = error
        self.errors: list[tuple[str, str | None]] = []

    def add(self, message: str, field: str | None = None) -> None:
        self.errors.append((message, field))

    def check(self, check, *args, default=None, **kwargs):
        try:
            return check(*args, **kwargs)
        except DomainError as exc:
            self.errors.extend(exc.errors)
            return default

    def has(self, field: str) -> bool:
        return any(name == field for _, name in self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise self.error(errors=self.errors)
