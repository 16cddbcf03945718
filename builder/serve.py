"""`musubi serve`: the site on a local web server, rebuilt when its inputs change.

The watcher polls modification times once a second (no extra package): a change to
an article, the lexicon, the curation file or a template rebuilds everything; a hand
edit of a record in content/ re-renders from the records (as `musubi render`). A
failed rebuild prints its one-line error and the previous site keeps being served.
Pages are sent with `Cache-Control: no-store`, so a reload shows the new site. It
answers as a static host set up as the README says: a missing page gets the site's own
404.html (status 404), and a folder without an index.html is missing too — no listing
of its files.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable
from pathlib import Path

from builder.errors import BuilderError
from builder.files.config import Config
from builder.files.progress import QUIET, Progress
from builder.kb import records as rec
from builder.pipeline import CURATION, build, render_only

POLL = 1.0  # seconds


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, base_url: str = "", **kwargs):
        self.base_url = base_url  # the site's public address, if it has one: the links of its 404 page start with it
        super().__init__(*args, **kwargs)  # which answers the request

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def list_directory(self, path):
        """No listing of a folder's files (entities/ would list every page): a folder without an
        index.html is a missing page, as on a static host."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page answers with the site's 404.html, in Japanese and with its links, not
        Python's English error page. That page is made to be shown at any depth: with a base URL
        its links are absolute, and here they are pointed at this server; without one they are
        relative, and a <base> makes them start from the root."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        html = page.read_text(encoding="utf-8")
        if self.base_url:
            html = html.replace(self.base_url.rstrip("/") + "/", "/")
        else:
            html = html.replace("<head>", '<head>\n<base href="/">', 1)
        body = html.encode("utf-8")
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _snapshot(paths: list[Path]) -> dict[str, list[int]]:
    """{path: [size, mtime_ns]} of every file under `paths` (the manifest's form)."""
    found = {}
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for p in files:
            stat = p.stat()
            found[str(p)] = [stat.st_size, stat.st_mtime_ns]
    return found


class Watcher:
    """What to watch and what to do on a change; `check()` runs one poll. What it has seen is
    what it acted on, never a second look after the build: an edit made while a build runs
    (or the moment after) is still a change at the next poll."""

    def __init__(self, config: Config, log: Callable[[str], None]):
        self.config, self.log = config, log
        self.build_inputs = [config.seeds, config.templates, config.lexicon, config.content / CURATION]
        self.records = [config.content / kind for kind in rec.KINDS]
        self.seen = (_snapshot(self.build_inputs), _snapshot(self.records))

    def check(self) -> str:
        """'' when nothing changed, else what was done: 'build', 'render' or 'failed'."""
        inputs, records = _snapshot(self.build_inputs), _snapshot(self.records)
        if (inputs, records) == self.seen:
            return ""
        action = "build" if inputs != self.seen[0] else "render"
        try:
            if action == "build":
                left = build(self.config, log=lambda _: None).content_left
                if left is not None:  # the records as this build wrote them
                    inside = tuple(os.path.join(folder, "") for folder in self.records)
                    records = {path: size_time for path, size_time in left.items() if path.startswith(inside)}
            else:
                render_only(self.config, log=lambda _: None)
            self.log(f"musubi serve: {'rebuilt' if action == 'build' else 're-rendered'} after a change")
        except BuilderError as exc:
            self.log(f"musubi serve: {exc} (still serving the previous site)")
            action = "failed"
        self.seen = (inputs, records)
        return action


def _say(line: str) -> None:
    print(line, flush=True)  # seen at once when the output goes to a pipe or a log


def serve(config: Config, port: int = 8000, log: Callable[[str], None] = _say,
          stop: threading.Event | None = None, build_log: Callable[[str], None] | None = None, progress: Progress = QUIET) -> None:
    """Build, serve `config.out` on 127.0.0.1:`port` (0: any free port), rebuild on change
    until `stop` is set or Ctrl-C. `build_log` and `progress` are the first build's (`--quiet`
    silences them, not the server's address or a failed rebuild: `log`)."""
    build(config, build_log or log, progress)
    handler = functools.partial(_Handler, directory=str(config.out), base_url=config.base_url)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log(f"musubi serve: http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops; edits to seeds, content or templates rebuild)")
    watcher = Watcher(config, log)
    stop = stop or threading.Event()
    try:
        while not stop.wait(POLL):
            watcher.check()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
