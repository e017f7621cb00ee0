"""A real SMTP server for tests (aiosmtpd), on 127.0.0.1, with STARTTLS, TLS and logins.

Mail sent by the site is then checked as a mail server receives it: over a socket, through
Django's SMTP backend, with the envelope and the raw message, not in the locmem outbox.
TLS certificates come from a throwaway certificate authority (trustme) that the client side is
told to trust through SSL_CERT_FILE, as an operator's system would trust a real one.
"""

import email
import ssl
import threading
from dataclasses import dataclass, field
from email import policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.network import free_port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    message: email.message.EmailMessage
    raw: bytes = b""

    @property
    def text(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()


@dataclass
class Inbox:
    messages: list = field(default_factory=list)
    logins: list = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        with self.arrived:
            self.messages.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    message,
                    envelope.original_content,
                )
            )
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if address in m.rcpt_tos]


class Logins:
    """aiosmtpd authenticator: accepts exactly one user name and password."""

    def __init__(self, inbox, username, password):
        self.inbox, self.username, self.password = inbox, username, password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode()
        password = auth_data.password.decode()
        self.inbox.logins.append((mechanism, login, session.ssl is not None))
        # handled=False: aiosmtpd answers a refused login with 535 itself (with the default,
        # True, it answers nothing and the client waits for its timeout).
        return AuthResult(
            success=(login, password) == (self.username, self.password), handled=False
        )


class SMTPServer:
    """Started with `with`: `port` (a free one unless given), `inbox`; TLS modes need a trustme
    CA."""

    def __init__(self, mode="plain", ca=None, username=None, password=None, port=None):
        self.inbox = Inbox()
        self.port = port or free_port()
        kwargs = {}
        if mode in ("starttls", "tls"):
            server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert("127.0.0.1").configure_cert(server_context)
            if mode == "starttls":
                kwargs.update(tls_context=server_context, require_starttls=True)
            else:
                kwargs.update(ssl_context=server_context)
        if username is not None:
            kwargs.update(
                authenticator=Logins(self.inbox, username, password),
                auth_required=True,
                # With TLS from the first byte aiosmtpd does not know the session is secure.
                auth_require_tls=mode != "tls",
            )
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, ready_timeout=10, **kwargs
        )

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
