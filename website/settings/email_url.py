"""Django's e-mail settings from one address, EMAIL_URL (see README, Configuration).

    smtp://user:password@mail.example.lv:587/?tls=1   SMTP with STARTTLS (port 587 by default)
    smtps://user:password@mail.example.lv/            SMTP over TLS (port 465 by default)
    smtp://localhost                                  plain SMTP to a local relay (port 25)
    console://                                        printed to the console (development)
    file:///var/tmp/mail                              one file per message in that folder
    locmem://, dummy://                               kept in memory, dropped (tests)

The user name and password are percent-decoded: write "@" as %40, ":" as %3A, "/" as %2F.
Query options: tls=1 (STARTTLS), ssl=1 (TLS from the first byte, as smtps), timeout=SECONDS
(10 by default: a mail server that does not answer must not hold an editor's request for
long). Plain module, no Django: the settings import it.
"""

from urllib.parse import parse_qs, unquote, urlsplit

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
DEFAULT_TIMEOUT = 10
TRUE = {"1", "true", "yes", "on"}
FALSE = {"", "0", "false", "no", "off"}


class EmailURLError(ValueError):
    """EMAIL_URL cannot be used. The message never repeats the password."""


def _flag(query, name):
    value = query.get(name, [""])[-1].strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise EmailURLError(f"EMAIL_URL: {name}={value!r} is not a yes or no (use 1 or 0)")


def email_settings(url):
    """The EMAIL_* settings the address names, as a dict of setting names to values."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise EmailURLError(f"EMAIL_URL is not a valid address: {error}") from None
    scheme = parts.scheme.lower()
    query = parse_qs(parts.query, keep_blank_values=True)
    known = {"tls", "ssl", "timeout"}
    unknown = sorted(set(query) - known)
    if unknown:
        raise EmailURLError(f"EMAIL_URL: unknown option(s) {', '.join(unknown)}")
    timeout = query.get("timeout", [str(DEFAULT_TIMEOUT)])[-1]
    try:
        timeout = float(timeout)
    except ValueError:
        raise EmailURLError(f"EMAIL_URL: timeout={timeout!r} is not a number") from None
    if timeout <= 0:
        raise EmailURLError("EMAIL_URL: timeout must be more than 0 seconds")

    if scheme in BACKENDS:
        settings = {"EMAIL_BACKEND": BACKENDS[scheme]}
        if scheme == "file":
            if not parts.path:
                raise EmailURLError("EMAIL_URL: file:// needs a folder, e.g. file:///var/tmp/mail")
            settings["EMAIL_FILE_PATH"] = unquote(parts.path)
        return settings
    if scheme not in ("smtp", "smtps"):
        raise EmailURLError(
            f"EMAIL_URL: unknown scheme {scheme!r} (use smtp, smtps, console, file, locmem "
            "or dummy)"
        )
    if not parts.hostname:
        raise EmailURLError("EMAIL_URL: an smtp address needs a host, e.g. smtp://localhost")
    use_ssl = scheme == "smtps" or _flag(query, "ssl")
    use_tls = _flag(query, "tls")
    if use_ssl and use_tls:
        raise EmailURLError(
            "EMAIL_URL: choose tls=1 (STARTTLS) or ssl=1 / smtps:// (TLS from the start), not both"
        )
    if port is None:
        port = 465 if use_ssl else 587 if use_tls else 25
    return {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": timeout,
    }
