"""A switchable network cut for the browser tests: a TCP proxy between Chromium and the live app server.

The browser (its pages and its service worker) talks only to the proxy's origin. `down()` closes every open
connection through it and refuses new ones (each is reset as it arrives); `up()` forwards again. It works on bytes,
not HTTP: what the phone sends while the cut is down never reaches the app server, whatever the browser believes.
"""

import contextlib
import socket
import threading

CHUNK = 65536


def _close(sock: socket.socket):
    """Stop a socket at once (any thread blocked on it wakes) and release it."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def _reset(sock: socket.socket):
    """Refuse a connection the way a dead link does: a reset, not a clean close."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.close()


class NetCut:
    """A loopback TCP proxy to `upstream` (host, port) that can be cut and restored."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._is_down = False
        self.refused = 0  # connections refused while down (how often the phone tried)
        self.opened = 0  # connections opened to the app server (each one it must have ended before a mark)
        self.tried_offline: list = []  # the API requests Chromium issued while told it is offline (steps.cut)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._accepting = threading.Thread(target=self._accept, daemon=True, name="netcut-accept")
        self._accepting.start()

    @property
    def is_down(self) -> bool:
        return self._is_down

    def down(self):
        """Cut the network: close every open connection, refuse new ones."""
        with self._lock:
            self._is_down = True
            sockets, self._open = self._open, set()
        for sock in sockets:
            _close(sock)

    def up(self):
        """Restore the network: new connections are forwarded again."""
        with self._lock:
            self._is_down = False

    def close(self):
        """Stop the proxy (end of the test)."""
        self.down()
        _close(self._listener)
        self._accepting.join(timeout=5)

    def _keep(self, sock: socket.socket) -> bool:
        """Track a socket of a forwarded connection; False (and the socket reset) when the cut is down."""
        with self._lock:
            if not self._is_down:
                self._open.add(sock)
                return True
            self.refused += 1
        _reset(sock)
        return False

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # the listener was closed
            if self._keep(client):
                threading.Thread(target=self._connect, args=(client,), daemon=True, name="netcut-conn").start()

    def _connect(self, client: socket.socket):
        try:
            server = socket.create_connection(self.upstream, timeout=10)
            server.settimeout(None)
        except OSError:
            _close(client)
            return
        with self._lock:
            self.opened += 1
        if not self._keep(server):
            _close(client)
            return
        threading.Thread(target=self._pump, args=(server, client), daemon=True, name="netcut-down").start()
        self._pump(client, server)

    def _pump(self, source: socket.socket, target: socket.socket):
        """Copy bytes one way until either side closes or the cut goes down."""
        try:
            while data := source.recv(CHUNK):
                with self._lock:  # nothing is forwarded once `down()` has taken the sockets
                    if self._is_down:
                        break
                target.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(source)
                self._open.discard(target)
            _close(source)
            _close(target)
