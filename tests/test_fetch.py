"""Polite fetching against a real local HTTP server (never the internet)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchOptions, Validators

Response = tuple[int, dict[str, str], bytes]


@dataclass
class LocalServer:
    """A threaded HTTP server on 127.0.0.1 answering from `routes`, recording every request.

    A route is a list of responses served in turn (the last one repeats) or a function of the
    request headers returning a response.
    """

    routes: dict[str, list[Response] | Callable[[dict[str, str]], Response]]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@contextmanager
def serve_routes(routes: dict) -> Iterator[LocalServer]:
    server_state = LocalServer(routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k: v for k, v in self.headers.items()}
            server_state.requests.append((self.path, headers))
            route = server_state.routes.get(self.path)
            if route is None:
                status, extra, body = 404, {}, b"not found"
            elif callable(route):
                status, extra, body = route(headers)
            else:
                served = server_state.hits(self.path) - 1
                status, extra, body = route[min(served, len(route) - 1)]
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server_state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    """A local port nothing listens on (connection refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quick_fetcher(**kwargs) -> tuple[Fetcher, list[float]]:
    sleeps: list[float] = []
    # No pause between requests and no robots.txt, so request logs and sleeps show only retries.
    options = FetchOptions(timeout=5, retries=kwargs.pop("retries", 3), backoff=0.1,
                           per_host_interval=0, obey_robots=False)
    return Fetcher(options=options, sleep=sleeps.append, **kwargs), sleeps


PAGE = (200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"',
              "Last-Modified": "Wed, 07 Jan 2026 10:00:00 GMT"}, b"<html><body><p>hello</p></body></html>")


def test_user_agent_and_validators_remembered() -> None:
    with serve_routes({"/page": [PAGE]}) as srv:
        fetcher, _ = quick_fetcher()
        result = fetcher.get(srv.url("/page"))
    assert result.status == 200 and b"hello" in result.content
    assert result.content_type == "text/html; charset=utf-8"
    assert srv.requests[0][1]["User-Agent"] == USER_AGENT
    assert fetcher.fresh[srv.url("/page")] == Validators('"v1"', "Wed, 07 Jan 2026 10:00:00 GMT")


def test_conditional_request_gets_304() -> None:
    def conditional(headers: dict[str, str]):
        if headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return PAGE

    with serve_routes({"/page": conditional}) as srv:
        url = srv.url("/page")
        fetcher, _ = quick_fetcher(known={url: Validators('"v1"', "Wed, 07 Jan 2026 10:00:00 GMT")})
        result = fetcher.get(url)
        assert result.not_modified and result.content == b""
        sent = srv.requests[0][1]
        assert sent["If-None-Match"] == '"v1"'
        assert sent["If-Modified-Since"] == "Wed, 07 Jan 2026 10:00:00 GMT"
        assert not fetcher.fresh
        assert fetcher.get(url, conditional=False).status == 200


@pytest.mark.parametrize(
    ("responses", "attempts", "expected_sleeps"),
    [
        pytest.param([(503, {}, b""), (502, {}, b""), PAGE], 3, [0.1, 0.2], id="two-5xx-then-ok"),
        pytest.param([(429, {"Retry-After": "1"}, b""), PAGE], 2, [1.0], id="429-retry-after"),
    ],
)
def test_retries_with_exponential_backoff(responses: list, attempts: int, expected_sleeps: list[float]) -> None:
    with serve_routes({"/flaky": responses}) as srv:
        fetcher, sleeps = quick_fetcher()
        result = fetcher.get(srv.url("/flaky"))
        assert result.status == 200
        assert srv.hits("/flaky") == attempts
    assert sleeps == expected_sleeps


def test_gives_up_after_retries_on_persistent_5xx() -> None:
    with serve_routes({"/down": [(500, {}, b"")]}) as srv:
        fetcher, sleeps = quick_fetcher(retries=2)
        with pytest.raises(FetchError) as info:
            fetcher.get(srv.url("/down"))
        assert srv.hits("/down") == 3
    assert "HTTP 500" in info.value.reason and "3 attempts" in info.value.reason
    assert sleeps == [0.1, 0.2]


def test_404_is_not_retried() -> None:
    with serve_routes({}) as srv:
        fetcher, sleeps = quick_fetcher()
        with pytest.raises(FetchError) as info:
            fetcher.get(srv.url("/missing"))
        assert srv.hits("/missing") == 1
    assert "HTTP 404" in info.value.reason and sleeps == []


def test_unreachable_host_is_a_clear_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/page"
    fetcher, sleeps = quick_fetcher(retries=1)
    with pytest.raises(FetchError) as info:
        fetcher.get(url)
    assert info.value.origin == url
    assert "unreachable" in info.value.reason
    assert len(sleeps) == 1


def test_oversized_response_is_refused() -> None:
    big = (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 300_000 + b"</p>")
    with serve_routes({"/big": [big]}) as srv:
        fetcher = Fetcher(options=FetchOptions(max_bytes=100_000, retries=0))
        with pytest.raises(FetchError, match="response larger than"):
            fetcher.get(srv.url("/big"))


ROBOTS = (200, {"Content-Type": "text/plain"},
          b"User-agent: *\nDisallow: /private/\n\nUser-agent: SomeOtherBot\nDisallow: /\n")


@pytest.mark.parametrize(
    ("robots", "path", "allowed"),
    [
        pytest.param([ROBOTS], "/news/1", True, id="path-not-disallowed"),
        pytest.param([ROBOTS], "/private/report", False, id="path-disallowed-for-all-agents"),
        pytest.param([(200, {}, b"User-agent: *\nDisallow: /\n")], "/news/1", False, id="whole-site-disallowed"),
        pytest.param(None, "/news/1", True, id="no-robots-txt-404"),
        pytest.param([(503, {}, b"")], "/news/1", True, id="robots-server-error-means-no-rules"),
    ],
)
def test_robots_txt_is_obeyed(robots: list | None, path: str, allowed: bool) -> None:
    routes: dict = {path: [PAGE]}
    if robots is not None:
        routes["/robots.txt"] = robots
    with serve_routes(routes) as srv:
        fetcher = Fetcher(options=FetchOptions(timeout=5, retries=0, per_host_interval=0))
        if allowed:
            assert fetcher.get(srv.url(path)).status == 200
            assert srv.hits(path) == 1
        else:
            with pytest.raises(FetchError, match=r"robots\.txt asks automated tools not to fetch"):
                fetcher.get(srv.url(path))
            assert srv.hits(path) == 0, "a disallowed page must not be requested at all"
    assert srv.hits("/robots.txt") == 1


def test_robots_txt_read_once_per_site() -> None:
    with serve_routes({"/robots.txt": [ROBOTS], "/a": [PAGE], "/b": [PAGE]}) as srv:
        fetcher = Fetcher(options=FetchOptions(timeout=5, retries=0, per_host_interval=0))
        fetcher.get(srv.url("/a"))
        fetcher.get(srv.url("/b"))
        with pytest.raises(FetchError):
            fetcher.get(srv.url("/private/x"))
    assert srv.hits("/robots.txt") == 1
    assert [path for path, _ in srv.requests] == ["/robots.txt", "/a", "/b"]


class FakeClock:
    """A monotonic clock that only moves when the fetcher sleeps (or the test advances it)."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_requests_to_one_host_are_spaced_but_other_hosts_are_not() -> None:
    with serve_routes({"/a": [PAGE], "/b": [PAGE], "/c": [PAGE]}) as srv:
        clock = FakeClock()
        fetcher = Fetcher(options=FetchOptions(timeout=5, retries=0, per_host_interval=2.0, obey_robots=False),
                          sleep=clock.sleep, clock=clock)
        fetcher.get(srv.url("/a"))
        assert clock.sleeps == [], "the first request to a host does not wait"
        fetcher.get(srv.url("/b"))
        assert clock.sleeps == [2.0]
        clock.now += 0.5  # time spent elsewhere (parsing, another host) counts towards the pause
        fetcher.get(srv.url("/c"))
        assert clock.sleeps == [2.0, 1.5]
        # 'localhost' is another host name for the same server: its own queue, no wait.
        fetcher.get(srv.url("/a").replace("127.0.0.1", "localhost"))
        assert clock.sleeps == [2.0, 1.5]
