"""The network cut the offline tests rest on is real: while it is down a fetch from the page and from the service
worker fails (an open keep-alive connection included) and the app server receives nothing; up, both work again."""

import socket
import threading
import time

import pytest

from tests.e2e import steps
from tests.e2e.netcut import NetCut

pytestmark = pytest.mark.e2e

FETCH = """async (url) => { try { const r = await fetch(url, {cache: 'no-store'}); return r.status; }
                            catch (e) { return 'failed: ' + e.name; } }"""


def test_a_fetch_from_the_page_and_from_the_service_worker_fails_while_the_network_is_cut(page, context, net,
                                                                                          live_server):
    page.goto(f"{live_server}/app/")
    steps.wait_worker(page)
    (worker,) = context.service_workers
    assert page.evaluate(FETCH, "/healthz") == 200
    assert worker.evaluate(FETCH, f"{live_server}/healthz") == 200

    mark = steps.cut(net)
    assert page.evaluate(FETCH, "/healthz") == "failed: TypeError"
    assert page.evaluate(FETCH, "/api/v1/sync/pull") == "failed: TypeError"
    assert worker.evaluate(FETCH, f"{live_server}/healthz") == "failed: TypeError"
    assert net.refused > 0  # the browser did try, and the cut turned it away
    steps.assert_server_received_nothing(mark)

    steps.restore(net, mark)
    assert page.evaluate(FETCH, "/healthz") == 200
    assert worker.evaluate(FETCH, f"{live_server}/healthz") == 200
    assert steps.since(mark).count(("GET", "/healthz")) == 2


def _until(predicate, timeout=20):
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end
        time.sleep(0.05)


def test_the_cut_closes_an_open_connection_and_resets_new_ones_until_it_is_up():
    """At the socket level (no browser): a connection open through the cut is closed by `down()` at both ends, the
    server gets no byte sent after it, a new connection is reset; after `up()` bytes pass again."""
    received, ended = [], []
    upstream = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            conn, _ = upstream.accept()
            with conn:
                while data := conn.recv(100):
                    received.append(data)
            ended.append(True)
    threading.Thread(target=serve, daemon=True).start()
    net = NetCut(upstream.getsockname())
    try:
        held = socket.create_connection(("127.0.0.1", net.port), timeout=10)
        held.sendall(b"before")
        _until(lambda: received == [b"before"])

        net.down()
        _until(lambda: ended == [True])  # the server's end of the open connection was closed
        assert held.recv(10) == b""  # and the phone's end
        with pytest.raises(OSError):  # reset as it arrives: nothing can be sent or read through it
            refused = socket.create_connection(("127.0.0.1", net.port), timeout=10)
            refused.sendall(b"during")
            refused.recv(10)
        assert net.refused == 1 and net.opened == 1 and received == [b"before"]

        net.up()
        again = socket.create_connection(("127.0.0.1", net.port), timeout=10)
        again.sendall(b"after")
        _until(lambda: received == [b"before", b"after"])
        for sock in (held, again):
            sock.close()
    finally:
        net.close()
        upstream.close()
