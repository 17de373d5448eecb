"""Polite HTTP: a clear User-Agent, timeouts, retries with exponential backoff, conditional requests,
robots.txt, and a pause between two requests to the same site.

All network code of the project lives here. `Fetcher.get` returns the body of a page or feed, or a
"not modified" result when the server answers 304 to the ETag / Last-Modified validators remembered
from an earlier run (the pipeline keeps them in the `http_validators` table).

A feed can link dozens of pages on one small news site; fetching them back to back is how a
monitoring tool gets an NGO's address blocked. So requests to one host are spaced by
`FetchOptions.per_host_interval`, and a site's robots.txt is read once per run and obeyed.
"""

from __future__ import annotations

import logging
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

from ingest.decode import InputError

log = logging.getLogger(__name__)

USER_AGENT = "displacement-monitor/0.1 (+humanitarian research)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


#: What to do about an HTTP error the fetcher does not retry.
HTTP_HINTS = {
    401: "the page needs a login; save it from your browser and ingest the saved file",
    403: "the site refuses automated requests; save the page from your browser and ingest the saved file",
    404: "no page at this address; check the URL",
    410: "the page was removed; look for an archived copy",
}


class FetchError(InputError):
    """A URL that could not be fetched: unreachable, timed out, or an HTTP error status."""


@dataclass(frozen=True)
class Validators:
    """What the server said about a version of a URL, sent back to ask "has it changed?"."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """A response: `status` 304 means unchanged since the validators we sent (empty `content`)."""

    url: str  # the final URL after redirects
    status: int
    content: bytes
    content_type: str | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class FetchOptions:
    """How politely and how persistently to fetch."""

    timeout: float = 15.0
    retries: int = 3  # further attempts after the first, on 5xx / 429 / connection errors
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    max_backoff: float = 30.0
    user_agent: str = USER_AGENT
    max_bytes: int = 20 * 1024 * 1024  # larger responses are refused (a report is a few hundred KB)
    per_host_interval: float = 1.0  # seconds between the starts of two requests to the same host
    obey_robots: bool = True  # read each site's robots.txt once and skip the pages it disallows


@dataclass
class Fetcher:
    """Fetches URLs for one ingest run.

    Attributes:
        options: timeouts, retries and User-Agent.
        known: validators remembered from earlier runs, by URL (sent as If-None-Match /
            If-Modified-Since).
        fresh: validators of the responses received in this run, by URL, for the caller to remember
            once what it read from them is safely stored.
    """

    options: FetchOptions = field(default_factory=FetchOptions)
    known: dict[str, Validators] = field(default_factory=dict)
    fresh: dict[str, Validators] = field(default_factory=dict)
    session: requests.Session = field(default_factory=requests.Session)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_request: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict, init=False,
                                                                           repr=False)

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = self.options.user_agent

    def _wait_turn(self, host: str) -> None:
        """Sleep until `per_host_interval` has passed since the last request to `host`."""
        last = self._last_request.get(host)
        if last is not None:
            wait = self.options.per_host_interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our User-Agent fetch `url` (read once per site and run).

        A missing robots.txt (4xx), a server error or an unreachable host count as "no rules": in the
        last two cases the page request itself then fails with a clearer message.
        """
        if not self.options.obey_robots:
            return True
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return True
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.options.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        # Not spaced from the page request that follows: one tiny file per site and run.
        try:
            response = self.session.get(f"{origin}/robots.txt", timeout=self.options.timeout)
        except requests.RequestException as exc:
            log.info("%s/robots.txt: not read (%s); fetching without rules", origin, type(exc).__name__)
            return None
        if response.status_code != 200:
            return None
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(response.text.splitlines())
        return rules

    def get(self, url: str, *, conditional: bool = True) -> FetchResult:
        """GET a URL with retries; conditional on remembered validators unless `conditional=False`.

        Raises:
            FetchError: when the host is unreachable, the request times out after all retries, or
                the server answers with an error status.
        """
        if not self.allowed(url):
            raise FetchError(url, "the site's robots.txt asks automated tools not to fetch this page; "
                                  "open it in your browser, save it, and ingest the saved file")
        host = urlsplit(url).netloc
        headers: dict[str, str] = {}
        remembered = self.known.get(url) if conditional else None
        if remembered:
            if remembered.etag:
                headers["If-None-Match"] = remembered.etag
            if remembered.last_modified:
                headers["If-Modified-Since"] = remembered.last_modified
        attempts = self.options.retries + 1
        delay = self.options.backoff
        last_problem = "no attempt made"
        for attempt in range(1, attempts + 1):
            self._wait_turn(host)
            try:
                response = self.session.get(url, headers=headers, timeout=self.options.timeout, stream=True)
            except requests.exceptions.InvalidURL as exc:
                raise FetchError(url, f"invalid URL: {exc}") from exc
            except (requests.ConnectionError, requests.Timeout) as exc:
                last_problem = f"unreachable ({type(exc).__name__}): check the address and your connection"
                log.info("%s: attempt %d/%d failed: %s", url, attempt, attempts, exc)
            else:
                if response.status_code in RETRY_STATUSES:
                    last_problem = f"HTTP {response.status_code} {response.reason or ''}".strip()
                    log.info("%s: attempt %d/%d got %s", url, attempt, attempts, last_problem)
                    retry_after = response.headers.get("Retry-After", "")
                    if retry_after.isdigit():
                        delay = max(delay, min(float(retry_after), self.options.max_backoff))
                else:
                    return self._result(url, response)
            if attempt < attempts:
                self.sleep(min(delay, self.options.max_backoff))
                delay *= 2
        raise FetchError(url, f"{last_problem} (gave up after {attempts} attempts)")

    def _result(self, url: str, response: requests.Response) -> FetchResult:
        validators = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        if response.status_code == 304:
            log.info("%s: not modified since the last run", url)
            return FetchResult(url, 304, b"", response.headers.get("Content-Type"),
                               self.known.get(url, validators))
        if response.status_code >= 400:
            status = f"HTTP {response.status_code} {response.reason or ''}".strip()
            hint = HTTP_HINTS.get(response.status_code, "the server refused the request; try again later")
            raise FetchError(url, f"{status}: {hint}")
        content = self._read_limited(url, response)
        if validators.etag or validators.last_modified:
            self.fresh[url] = validators
        return FetchResult(response.url or url, response.status_code, content,
                           response.headers.get("Content-Type"), validators)

    def _read_limited(self, url: str, response: requests.Response) -> bytes:
        """The body, refusing responses larger than `max_bytes` without reading them whole."""
        limit = self.options.max_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"response larger than {limit:,} bytes: not a news page")
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise FetchError(url, f"connection broke while reading the response ({type(exc).__name__})") from exc
        finally:
            response.close()
        return b"".join(chunks)
