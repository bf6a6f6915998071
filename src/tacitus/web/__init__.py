"""`tacitus serve`: a read-only web view of a store (see app.py), bound to localhost unless told otherwise."""

from __future__ import annotations

import ipaddress
import socket

LOCAL_HOST = "127.0.0.1"


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and names that resolve only to them (e.g. localhost)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def serve(db: str, host: str = LOCAL_HOST, port: int = 8000) -> None:
    """Bring the store's schema up to date, then serve it read-only until Ctrl-C."""
    import uvicorn

    from tacitus.store import open_store
    from tacitus.web.app import create_app

    open_store(db, create=False).close()
    app = create_app(db)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
