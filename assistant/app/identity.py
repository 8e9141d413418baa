"""Who the customer is: a token the retailer's own site signs, verified here.

The host page of the widget (or any API client) passes a customer token when it opens a
session; a valid one signs the session in as that customer, and only then can the session see
their orders and check out. A token is the customer's handle signed with HMAC-SHA256
(itsdangerous) under a secret both sides share, and it expires. The retailer's server mints it:

    URLSafeTimedSerializer(secret, salt="shopping-assistant.customer").dumps("alice")

or, for a try-out, `python -m assistant.app.identity alice` with ASSISTANT_CUSTOMER_TOKEN_SECRET
set. Without a secret no token is accepted.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from assistant.app.settings import Settings

SALT = "shopping-assistant.customer"


class InvalidCustomerToken(Exception):
    """The token is forged, for another service, expired, or tokens are not accepted."""


@dataclass(frozen=True)
class CustomerTokens:
    """Mints and verifies customer tokens; `secret` None accepts none."""

    secret: str | None
    max_age_s: int = 3600

    def mint(self, handle: str) -> str:
        return self._serializer().dumps(handle)

    def verify(self, token: str) -> str:
        """The customer's handle, or `InvalidCustomerToken` saying why not."""
        try:
            handle = self._serializer().loads(token, max_age=self.max_age_s)
        except SignatureExpired as error:
            raise InvalidCustomerToken("The sign-in has expired; reload the page.") from error
        except BadSignature as error:
            raise InvalidCustomerToken("The sign-in could not be verified.") from error
        if not isinstance(handle, str) or not handle:
            raise InvalidCustomerToken("The sign-in names no customer.")
        return handle

    def _serializer(self) -> URLSafeTimedSerializer:
        if not self.secret:
            raise InvalidCustomerToken("This shop does not accept sign-in tokens.")
        return URLSafeTimedSerializer(self.secret, salt=SALT)


@dataclass(frozen=True)
class SignIn:
    """How a session gets its customer: a verified token, or in demo mode any demo shopper."""

    tokens: CustomerTokens = CustomerTokens(None)
    demo: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> SignIn:
        secret = settings.customer_token_secret
        tokens = CustomerTokens(
            secret.get_secret_value() if secret else None, settings.customer_token_max_age_s
        )
        return cls(tokens, settings.demo_sign_in)


def main(argv: list[str]) -> int:
    """Print a token for the customer handle given, with the configured secret."""
    if len(argv) != 1:
        print("usage: python -m assistant.web.identity HANDLE", file=sys.stderr)
        return 2
    tokens = SignIn.from_settings(Settings()).tokens
    if tokens.secret is None:
        print("Set ASSISTANT_CUSTOMER_TOKEN_SECRET first.", file=sys.stderr)
        return 2
    print(tokens.mint(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
