"""The web view of a store: a read-only Starlette app with Jinja2 pages.

Every page is a GET; each request opens its own read-only connection (SQLite `mode=ro`, or a
PostgreSQL session with writes refused). Templates autoescape everything, data for scripts
goes through `tojson` (which escapes < > & '), and a Content-Security-Policy allows scripts
only from the package's own static files: a stored `<script>` is shown, never run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from tacitus.store.backends import Backend, is_postgres
from tacitus.store.views import (
    DocumentQuery,
    EventQuery,
    actor_profile,
    document,
    dyad_series,
    facets,
    network,
    open_readonly,
    rejected_documents,
    search_documents,
    timeline,
    top_dyads,
)
from tacitus.web.render import page_data, segments

HERE = Path(__file__).parent
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined)
    from tacitus.ontology import load_cameo

    cameo = load_cameo()
    env.globals["root_name"] = lambda root: cameo[root].name if root in cameo else ""
    env.globals["cameo_name"] = lambda code: cameo[code].name if code in cameo else ""
    env.globals["QUADS"] = QUADS
    env.filters["fromjson"] = json.loads
    return Jinja2Templates(env=env)


def _param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    return value or None


def _page(request: Request) -> int:
    try:
        return max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        return 1


def _event_query(request: Request) -> EventQuery:
    root = _param(request, "root")
    return EventQuery(
        since=_param(request, "since"), until=_param(request, "until"),
        roots=(root,) if root else (), factual_only=bool(_param(request, "factual")),
    )


def store_label(db: str | Path) -> str:
    """How the page names the store: a SQLite file's name, a PostgreSQL URL without credentials."""
    text = str(db)
    if is_postgres(text):
        from urllib.parse import urlsplit

        url = urlsplit(text)
        return f"{url.scheme}://{url.hostname or ''}{':' + str(url.port) if url.port else ''}{url.path}"
    return Path(text).name


class _Pages:
    """The page handlers of one store's web view; each opens the store read-only per request."""

    def __init__(self, db: str | Path) -> None:
        self.db = db
        self.templates = _templates()
        self.label = store_label(db)

    @contextmanager
    def store(self) -> Iterator[Backend]:
        backend = open_readonly(self.db)
        try:
            yield backend
        finally:
            backend.close()

    def render(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return self.templates.TemplateResponse(request, name, {"db": self.label, "params": dict(request.query_params), **context}, status_code=status_code)

    def documents_page(self, request: Request) -> HTMLResponse:
        quad = _param(request, "quad")
        root = _param(request, "root")
        query = DocumentQuery(
            text=request.query_params.get("q", ""), since=_param(request, "since"), until=_param(request, "until"),
            source=_param(request, "source"), actor=_param(request, "actor"), roots=(root,) if root else (),
            quad_class=int(quad) if quad and quad.isdigit() else None, plover=_param(request, "plover"),
            factual_only=bool(_param(request, "factual")), page=_page(request),
        )
        with self.store() as backend:
            result = search_documents(backend, query)
            choices = facets(backend)
        return self.render(request, "documents.html", result=result, facets=choices, query=query)

    def article_page(self, request: Request) -> HTMLResponse:
        key = request.query_params.get("key", "")
        with self.store() as backend:
            found = document(backend, key)
        if found is None:
            return self.render(request, "missing.html", status_code=404, what=f"document {key}")
        doc = found["doc"]
        return self.render(
            request, "article.html", row=found["row"], doc=doc, names=found["names"], has_text=found["has_text"],
            title_segments=segments(doc.title, doc, title=True), text_segments=segments(doc.text, doc),
            data=page_data(doc), actor_names={a.id: (a.mentions[0].text if a.mentions else a.name) for a in doc.actors},
        )

    def actor_page(self, request: Request) -> HTMLResponse:
        code = (_param(request, "code") or "").upper()
        if not code:
            return self.render(request, "missing.html", status_code=404, what="an actor code (?code=ISR)")
        with self.store() as backend:
            profile = actor_profile(backend, code)
        return self.render(request, "actor.html", profile=profile, chart={"months": profile["months"]})

    def network_page(self, request: Request) -> HTMLResponse:
        weight = "goldstein" if request.query_params.get("weight") == "goldstein" else "events"
        with self.store() as backend:
            graph = network(backend, _event_query(request))
            choices = facets(backend)
        return self.render(request, "network.html", graph=graph, weight=weight, facets=choices)

    def timeline_page(self, request: Request) -> HTMLResponse:
        flt = _event_query(request)
        source, target = _param(request, "source"), _param(request, "target")
        with self.store() as backend:
            months = timeline(backend, flt)
            dyads = top_dyads(backend)
            if not (source and target) and dyads:
                source, target = dyads[0]
            series = dyad_series(backend, source, target, flt) if source and target else []
            # the dyad on the same months as the timeline, quiet months as zeros
            by_month = {row["month"]: row for row in series}
            series = [by_month.get(m["month"], {"month": m["month"], "events": 0, "goldstein": 0.0}) for m in months]
            choices = facets(backend)
        return self.render(
            request, "timeline.html", facets=choices, dyads=dyads, source=source, target=target,
            chart={"months": months, "dyad": series, "source": source, "target": target, "quads": QUADS},
        )

    def rejected_page(self, request: Request) -> HTMLResponse:
        with self.store() as backend:
            rows = rejected_documents(backend)
            choices = facets(backend)
        return self.render(request, "rejected.html", rows=rows, facets=choices)


def create_app(db: str | Path) -> Starlette:
    """The web view of the store `db` (a SQLite path or a postgresql:// URL), which must exist
    at the latest schema (`tacitus serve` brings it there first)."""
    open_readonly(db).close()  # fail now, not on the first request
    pages = _Pages(db)
    routes = [
        Route("/", pages.documents_page, name="documents"),
        Route("/doc", pages.article_page, name="article"),
        Route("/actor", pages.actor_page, name="actor"),
        Route("/network", pages.network_page, name="network"),
        Route("/timeline", pages.timeline_page, name="timeline"),
        Route("/rejected", pages.rejected_page, name="rejected"),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])
