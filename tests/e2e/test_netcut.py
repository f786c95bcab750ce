"""The network cut the offline tests rest on is real: while it is down a fetch from the page and from the service
worker fails (an open keep-alive connection included) and the app server receives nothing; up, both work again."""

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e

FETCH = """async (url) => { try { const r = await fetch(url, {cache: 'no-store'}); return r.status; }
                            catch (e) { return 'failed: ' + e.name; } }"""


def test_a_fetch_from_the_page_and_from_the_service_worker_fails_while_the_network_is_cut(page, context, net,
                                                                                          live_server):
    page.goto(f"{live_server}/app/")
    steps.wait_worker(page)
    (worker,) = context.service_workers
    assert page.evaluate(FETCH, "/healthz") == 200  # the page's keep-alive connection to the proxy is now open
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
