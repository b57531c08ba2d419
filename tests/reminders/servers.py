"""Real servers on localhost for the outbox tests: SMTP (aiosmtpd: plain, STARTTLS, TLS, failing, slow,
dropping the line) and an HTTP server speaking SMSFactor's documented wire format. Started and stopped
by the tests, on free ports, in the test's process (threads)."""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Tls:
    server: ssl.SSLContext
    client: ssl.SSLContext  # trusts only the test certificate
    cert_pem: bytes


def make_tls(folder: Path) -> Tls:
    """A self-signed certificate for localhost / 127.0.0.1 (cryptography), and contexts around it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (folder / "cert.pem").write_bytes(cert_pem)
    (folder / "key.pem").write_bytes(key_pem)
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    client = ssl.create_default_context()
    client.load_verify_locations(cadata=cert_pem.decode())
    return Tls(server, client, cert_pem)


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    tls: bool
    user: str

    @property
    def text(self) -> str:
        return str(self.message.get_content()).replace("\r\n", "\n")


@dataclass
class SmtpBehaviour:
    """What the fake relay does: refuse (code), wait (seconds), or cut the line after N messages."""

    refuse_data: str = ""  # e.g. "451 4.3.0 try later" or "550 5.1.1 no such user"
    refuse_rcpt: dict[str, str] = field(default_factory=dict)  # address → reply
    delay: float = 0.0  # before answering DATA
    drop_after: int | None = None  # close the connection when message N+1 starts (MAIL FROM)
    drop_during_data: bool = False  # close the connection instead of answering DATA
    block_at: int | None = None  # the Nth message (1-based, all connections) waits for `release`
    block_stage: str = "data"  # "mail": before anything is accepted; "data": content received, no answer
    blocked: threading.Event = field(default_factory=threading.Event)  # set once a message is held
    release: threading.Event = field(default_factory=threading.Event)


def _parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


class _Handler:
    def __init__(self, relay: SmtpRelay) -> None:
        self.relay = relay

    async def _hold(self, stage: str) -> None:
        b = self.relay.behaviour
        if b.block_at is None or b.block_stage != stage:
            return
        with self.relay.lock:
            self.relay.started[stage] = self.relay.started.get(stage, 0) + 1
            mine = self.relay.started[stage]
        if mine == b.block_at:
            b.blocked.set()
            await asyncio.get_running_loop().run_in_executor(None, b.release.wait, 60)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):  # type: ignore[no-untyped-def]
        await self._hold("mail")
        b = self.relay.behaviour
        if b.drop_after is not None and self.relay.accepted_on_connection.get(id(session), 0) >= b.drop_after:
            self.relay.drops += 1
            server.transport.close()
            return "421 4.3.2 closing"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        refusal = self.relay.behaviour.refuse_rcpt.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        await self._hold("data")
        b = self.relay.behaviour
        if b.delay:
            await asyncio.sleep(b.delay)
        if b.drop_during_data:
            with self.relay.lock:
                self.relay.dropped_in_data.append(_parse(envelope.original_content or envelope.content))
            server.transport.close()
            return "421 closing"
        if b.refuse_data:
            return b.refuse_data
        with self.relay.lock:
            self.relay.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    _parse(envelope.original_content or envelope.content),
                    server.transport.get_extra_info("ssl_object") is not None,
                    session.auth_data.login.decode() if getattr(session.auth_data, "login", None) else "",
                )
            )
            key = id(session)
            self.relay.accepted_on_connection[key] = self.relay.accepted_on_connection.get(key, 0) + 1
        return "250 2.0.0 Ok: queued as TEST"


class SmtpRelay:
    """An aiosmtpd relay on 127.0.0.1. mode: "plain", "starttls" (required before login) or "tls"."""

    def __init__(
        self, mode: str = "plain", *, tls: Tls | None = None, users: dict[str, str] | None = None
    ) -> None:
        self.mode = mode
        self.behaviour = SmtpBehaviour()
        self.received: list[Received] = []
        self.dropped_in_data: list[EmailMessage] = []
        self.accepted_on_connection: dict[int, int] = {}
        self.drops = 0
        self.started: dict[str, int] = {}
        self.lock = threading.Lock()
        self.port = free_port()
        self.users = users or {}
        kwargs: dict[str, Any] = {}
        if self.users:
            kwargs["authenticator"] = self._authenticate
            kwargs["auth_require_tls"] = mode != "plain"
        if mode == "starttls":
            assert tls is not None
            kwargs.update(tls_context=tls.server, require_starttls=True)
        self._args = (tls.server if mode == "tls" and tls else None, kwargs)
        self.controller = self._controller()

    def _controller(self) -> Controller:
        ssl_context, kwargs = self._args
        return Controller(
            _Handler(self), hostname="127.0.0.1", port=self.port, ssl_context=ssl_context, **kwargs
        )

    def restart(self) -> None:
        """Back on the same port after `stop()` (a relay that was down for a while)."""
        self.controller = self._controller()
        self.controller.start()

    def _authenticate(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        if isinstance(auth_data, LoginPassword):
            user, password = auth_data.login.decode(), auth_data.password.decode()
            if self.users.get(user) == password:
                return AuthResult(success=True, auth_data=auth_data)
        return AuthResult(success=False, handled=False)

    def start(self) -> SmtpRelay:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def texts(self) -> list[str]:
        with self.lock:
            return [r.text for r in self.received]


# --- SMSFactor ----------------------------------------------------------------------------------------
@dataclass
class SmsFactorBehaviour:
    token: str = "test-token"
    invalid: set[str] = field(default_factory=set)  # numbers answered "invalid" (filtered, not sent)
    blacklisted: set[str] = field(default_factory=set)
    http_status: int = 200  # e.g. 503 (down), 500 (error after processing?)
    drop: bool = False  # read the request, close without answering
    account_error: str = ""  # answer {"status": -99, "message": ...} (no credit...)


class SmsFactorServer:
    """An HTTP(S) server on 127.0.0.1 that speaks SMSFactor's documented API: POST /send (JSON campaign
    with `sms.message.text` and `sms.recipients.gsm[]`), GET /campaign/{ticket}, Bearer token."""

    def __init__(self, *, tls: Tls | None = None) -> None:
        self.behaviour = SmsFactorBehaviour()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.tickets: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def _json(self, status: int, data: dict[str, Any]) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {server.behaviour.token}":
                    self._json(401, {"status": -1, "message": "Authentication failed"})
                    return False
                return True

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                b = server.behaviour
                if b.drop:
                    with server.lock:
                        server.requests.append({"dropped": json.loads(raw)})
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if b.http_status != 200:
                    self._json(b.http_status, {"status": -1, "message": "unavailable"})
                    return
                if self.path != "/send" or not self._authorised():
                    if self.path != "/send":
                        self._json(404, {"status": -1, "message": "not found"})
                    return
                try:
                    data = json.loads(raw)
                    message = data["sms"]["message"]
                    gsm = data["sms"]["recipients"]["gsm"]
                    assert isinstance(message["text"], str) and message["text"]
                    assert all(str(g["value"]).isdigit() and g["gsmsmsid"] for g in gsm)
                except (ValueError, KeyError, TypeError, AssertionError):
                    self._json(400, {"status": -8, "message": "Invalid request"})
                    return
                with server.lock:
                    server.requests.append(data)
                    server.headers.append(dict(self.headers))
                if b.account_error:
                    self._json(200, {"status": -99, "message": b.account_error})
                    return
                numbers = [str(g["value"]) for g in gsm]
                invalid = sum(n in b.invalid for n in numbers)
                black = sum(n in b.blacklisted for n in numbers)
                sent = len(numbers) - invalid - black
                ticket = str(14672468 + len(server.requests))
                with server.lock:
                    server.tickets[ticket] = {"sent": sent, "numbers": numbers}
                self._json(
                    200,
                    {
                        "status": 1,
                        "message": "OK",
                        "ticket": ticket,
                        "cost": sent,
                        "credits": 642,
                        "total": len(numbers),
                        "sent": sent,
                        "blacklisted": black,
                        "duplicated": 0,
                        "invalid": invalid,
                        "npai": 0,
                    },
                )

            def do_GET(self) -> None:
                if not self._authorised():
                    return
                ticket = self.path.rsplit("/", 1)[-1]
                info = server.tickets.get(ticket)
                if not self.path.startswith("/campaign/") or info is None:
                    self._json(404, {"status": -1, "message": "not found"})
                    return
                self._json(
                    200,
                    {
                        "status": 1,
                        "message": "OK",
                        "campaign": [
                            {"id": ticket, "delivered": str(info["sent"]), "error": "0", "total": "1"}
                        ],
                    },
                )

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.httpd.socket = tls.server.wrap_socket(self.httpd.socket, server_side=True)
        self.port = int(self.httpd.server_address[1])
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> SmsFactorServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def texts(self) -> list[tuple[str, str]]:
        with self.lock:
            return [
                (g["value"], r["sms"]["message"]["text"])
                for r in self.requests
                if "sms" in r
                for g in r["sms"]["recipients"]["gsm"]
            ]
