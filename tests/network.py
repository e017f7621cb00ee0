"""Addresses on 127.0.0.1 for the servers tests start, and a server that hangs."""

import socket
import threading


def free_port():
    """A port nothing listens on now (the test starts its server there)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HungServer:
    """Accepts connections and never answers: a mail server, search cluster or any other
    service that hangs. `port`, `url` (http://…) and `accepted`, the connections it got. Used
    with `with` (or the `hung_server` fixture of tests/conftest.py)."""

    def __init__(self):
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(50)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.accepted = []

    def _accept(self):
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def __enter__(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._socket.close()
        for connection in self.accepted:
            connection.close()
