"""Django's private OutputWrapper._out: the stream a management command's stdout/stderr wraps.

Written against Django 5.2.19. A command's self.stderr is an OutputWrapper, whose write() ends
every message with a newline (and may colour it). A progress bar (tqdm) redraws one line with
carriage returns and asks the stream whether it is a terminal, so it needs the stream itself,
which OutputWrapper keeps in _out and does not offer otherwise.

When check() fails: read django.core.management.base.OutputWrapper; if it now offers the wrapped
stream publicly, use that in raw_stream(); otherwise find where it keeps it, and update check().
"""

import inspect
import io

from django.core.management.base import OutputWrapper

from website.adapters import outdated


def raw_stream(wrapper):
    """The stream an OutputWrapper (a command's self.stdout or self.stderr) writes to."""
    return wrapper._out


def check():
    """Raises AdapterOutdated unless OutputWrapper still keeps its stream in _out, untouched."""
    parameters = inspect.signature(OutputWrapper.__init__).parameters
    if "out" not in parameters:
        raise outdated(
            "Django",
            f"OutputWrapper({', '.join(parameters)}) no longer takes the stream as `out`",
            __name__,
        )
    stream = io.StringIO()
    wrapper = OutputWrapper(stream)
    # Looked up in the instance: OutputWrapper.__getattr__ would hand a missing _out on to the
    # stream (and recurse).
    if vars(wrapper).get("_out") is not stream:
        raise outdated(
            "Django", "OutputWrapper no longer keeps the stream it wraps in _out", __name__
        )
    raw_stream(wrapper).write("\r50%")
    if stream.getvalue() != "\r50%":
        raise outdated(
            "Django",
            f"writing to OutputWrapper._out wrote {stream.getvalue()!r}, not the text as given",
            __name__,
        )
