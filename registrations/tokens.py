"""The signed links of a participant's mails (django.core.signing, with SECRET_KEY).

Each carries the participant's random key under its own purpose (salt), so a cancel link
cannot be used to read the data and the other way round:

- cancel: cancels the registration (a page with a button: opening alone changes nothing);
- data: shows the participant's data, downloads them as JSON and deletes them.

A link works LINK_MAX_AGE (a year: longer than any retention period, see
REGISTRATION_RETENTION_DAYS); one that was altered, signed with another key or is too old is
refused (BadLink).
"""

from django.core import signing

LINK_MAX_AGE = 366 * 24 * 60 * 60

CANCEL = "registrations.cancel"
DATA = "registrations.data"


class BadLink(Exception):
    pass


def make(purpose, participant):
    return signing.dumps(participant.key, salt=purpose)


def read(purpose, token):
    """The participant key a link carries."""
    try:
        value = signing.loads(token, salt=purpose, max_age=LINK_MAX_AGE)
    except signing.BadSignature as error:  # SignatureExpired is one
        raise BadLink(str(error)) from error
    if not isinstance(value, str):
        raise BadLink("not a participant key")
    return value
