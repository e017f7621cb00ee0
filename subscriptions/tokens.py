"""The signed links of subscription mails (django.core.signing, with SECRET_KEY).

- confirm: the subscription's key and the chosen frequency, valid CONFIRM_MAX_AGE;
- unsubscribe: the key alone, valid as long as the subscription exists (a mail read a year
  later must still let its reader leave, RFC 8058);
- manage: the address, valid MANAGE_MAX_AGE (each mail carries a fresh one).

A link that was altered, signed with another key or is too old is refused (BadLink).
"""

from django.core import signing

CONFIRM_MAX_AGE = 3 * 24 * 60 * 60
MANAGE_MAX_AGE = 90 * 24 * 60 * 60

CONFIRM = "subscriptions.confirm"
UNSUBSCRIBE = "subscriptions.unsubscribe"
MANAGE = "subscriptions.manage"


class BadLink(Exception):
    pass


def make(purpose, value):
    return signing.dumps(value, salt=purpose, compress=True)


def read(purpose, token, max_age=None):
    try:
        return signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is one
        raise BadLink(str(error)) from error


def confirm_token(subscription, frequency):
    return make(CONFIRM, {"k": subscription.key, "f": frequency})


def unsubscribe_token(subscription):
    return make(UNSUBSCRIBE, subscription.key)


def manage_token(email):
    return make(MANAGE, email)
