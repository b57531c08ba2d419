"""Fixtures of the outbox tests: a TLS certificate for localhost, and relays started per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .servers import SmsFactorServer, SmtpRelay, Tls, make_tls


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    return make_tls(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def relay_factory(tls: Tls) -> Iterator[Callable[..., SmtpRelay]]:
    started: list[SmtpRelay] = []

    def start(mode: str = "plain", users: dict[str, str] | None = None) -> SmtpRelay:
        relay = SmtpRelay(mode, tls=tls, users=users).start()
        started.append(relay)
        return relay

    yield start
    for relay in started:
        relay.stop()


@pytest.fixture
def relay(relay_factory: Callable[..., SmtpRelay]) -> SmtpRelay:
    return relay_factory("plain")


@pytest.fixture
def smsfactor() -> Iterator[SmsFactorServer]:
    server = SmsFactorServer().start()
    yield server
    server.stop()


@pytest.fixture
def smsfactor_https(tls: Tls) -> Iterator[SmsFactorServer]:
    server = SmsFactorServer(tls=tls).start()
    yield server
    server.stop()


__all__ = ["Path"]
