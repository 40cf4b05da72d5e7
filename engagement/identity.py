"""Who is voting or visiting, without storing raw IP addresses.

A client is a salted HMAC (keyed by ``SECRET_KEY``) of its IP address and user agent; a voter
also carries a random token in a signed cookie. ``REMOTE_ADDR`` is the address used: behind a
reverse proxy it must be the reader's address (taken from a header only the trusted proxy sets),
or every reader behind the proxy is one voter and one rate-limited client.
"""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import salted_hmac

VOTER_COOKIE = "thuvien_binhchon"
VOTER_COOKIE_SALT = "engagement.voter"
VOTER_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2


def client_hash(request, purpose):
    """A hex digest of the client's IP address and user agent, different for each ``purpose``."""
    address = request.META.get("REMOTE_ADDR", "")
    agent = request.META.get("HTTP_USER_AGENT", "")
    return salted_hmac(f"engagement.{purpose}", f"{address}|{agent}",
                       algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class Voter:
    """A voter: the token of their signed cookie (new if they had none) and their client hash."""

    token: str
    client_hash: str
    has_cookie: bool

    @classmethod
    def from_request(cls, request):
        """The voter making ``request``; a missing or tampered cookie gets a fresh token."""
        try:
            token = request.get_signed_cookie(VOTER_COOKIE, salt=VOTER_COOKIE_SALT)
        except (KeyError, signing.BadSignature):
            token = None
        return cls(
            token=token or secrets.token_hex(16),
            client_hash=client_hash(request, "voter"),
            has_cookie=token is not None,
        )

    def remember(self, response):
        """Set the signed voter cookie on ``response`` (HTTP-only, same-site)."""
        response.set_signed_cookie(
            VOTER_COOKIE, self.token, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_MAX_AGE,
            httponly=True, samesite="Lax",
        )
        return response
