"""The outbox's settings: channels, hours, per-type rules, templates — and where each value comes from.

Plain settings live in the site file's `meta` table (local to the site, never synced), like the other
site settings, and are changed by a site lead (audited). The SMTP settings can also come from
environment variables (`MLPLANNER_SMTP_HOST`...), which win over the file: IT can set up a workstation or
a scheduled task without touching the file. Secrets — the SMTP login and password, the SMS API token,
the e-mail-to-SMS gateway's password — are never written in the file: they come from the environment
(`MLPLANNER_SMTP_PASSWORD`...) or from the system keyring (Windows Credential Manager, macOS Keychain,
Secret Service), set with `mlplanner settings set-secret KEY`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Protocol

from sqlmodel import Session, col, or_, select

from mlplanner.domain.errors import InputError, NotFound, StorageError
from mlplanner.domain.messaging import templates, timing
from mlplanner.domain.messaging.kinds import EmailRoute, MessageKind, SmsRoute, SmtpSecurity
from mlplanner.domain.messaging.templates import Part
from mlplanner.domain.text import check_email
from mlplanner.messaging.smsfactor import DEFAULT_URL, check_sender
from mlplanner.storage.tables import Meta

log = logging.getLogger(__name__)

PREFIXES = ("reminders.", "smtp.", "sms.")
ENABLED_AT = "reminders.enabled_at"  # set when the outbox is switched on (never typed)
LAST_RUN = "reminders.last_run"  # JSON summary of the last sending run (never typed)

_YES = {"1", "oui", "o", "yes", "y", "true", "vrai", "on"}
_NO = {"0", "non", "n", "no", "false", "faux", "off", ""}


def _bool(text: str) -> str:
    value = (text or "").strip().lower()
    if value in _YES:
        return "oui"
    if value in _NO:
        return "non"
    raise InputError("bad_bool", f"Réponse attendue : oui ou non (pas « {text} »).")


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        value = (text or "").strip().lower()
        if value not in options:
            raise InputError("bad_choice", f"Valeur « {text} » inconnue ; au choix : {', '.join(options)}.")
        return value

    return check


def _int_between(lo: int, hi: int, unit: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        value = (text or "").strip()
        if not value.isdigit() or not lo <= int(value) <= hi:
            raise InputError("bad_number", f"Indiquez un nombre de {lo} à {hi} {unit} (pas « {text} »).")
        return str(int(value))

    return check


def _hour(text: str) -> str:
    return f"{timing.parse_hour(text):%H:%M}"


def _window(text: str) -> str:
    return str(timing.SendingWindow.parse(text))


def _host(text: str) -> str:
    value = (text or "").strip()
    if value and not re.fullmatch(r"[A-Za-z0-9.\-]{1,253}|\[[0-9A-Fa-f:.]+\]", value):
        raise InputError("bad_host", f"Nom de serveur illisible : « {text} ».")
    return value


def _email(text: str) -> str:
    return check_email(text)


def _gateway(text: str) -> str:
    value = (text or "").strip()
    if value and (("{msisdn}" not in value and "{numero}" not in value) or "@" not in value):
        raise InputError(
            "bad_gateway",
            "L'adresse de la passerelle SMS doit contenir {msisdn} (33612345678) ou {numero} (0612345678) "
            "et un @, par exemple {msisdn}@sms.fournisseur.fr.",
        )
    return value


def _url(text: str) -> str:
    value = (text or "").strip().rstrip("/")
    if not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise InputError("bad_url", f"Adresse illisible : « {text} » (attendu https://…).")
    return value


def _text(limit: int) -> Callable[[str], str]:
    def check(text: str) -> str:
        value = (text or "").strip()
        if len(value) > limit:
            raise InputError("too_long", f"Texte trop long ({limit} caractères au plus).")
        return value

    return check


@dataclass(frozen=True)
class Key:
    name: str
    label: str
    default: str = ""
    check: Callable[[str], str] = field(default=_text(300))
    env: str = ""  # an environment variable that wins over the file
    secret: bool = False  # kept in the keyring (or the environment), never in the file


KEYS: tuple[Key, ...] = (
    Key("reminders.enabled", "Envoi des messages aux jeunes activé (oui/non)", "non", _bool),
    Key(
        "reminders.sms_route",
        "Envoi des SMS : none, email-gateway (passerelle du fournisseur), http (API SMSFactor), csv (fichier)",
        SmsRoute.NONE.value,
        _choice(tuple(r.value for r in SmsRoute)),
    ),
    Key(
        "reminders.email_route",
        "Envoi des e-mails : none ou smtp (relais du site)",
        EmailRoute.NONE.value,
        _choice(tuple(r.value for r in EmailRoute)),
    ),
    Key("reminders.send_hour", "Heure d'envoi des rappels (ex. 10:00)", "10:00", _hour),
    Key("reminders.window", "Plage horaire d'envoi (ex. 08:00-20:00)", "08:00-20:00", _window),
    Key(
        "reminders.period_min",
        "Intervalle d'envoi automatique dans l'application (minutes)",
        "5",
        _int_between(1, 60, "minutes"),
    ),
    Key(
        "reminders.workshop_rule",
        "Rappel des ateliers : auto (jour ouvré précédent), off, ou nombre de jours avant",
        timing.AUTO,
        timing.check_rule,
    ),
    Key("smtp.host", "Relais SMTP : serveur", "", _host, env="MLPLANNER_SMTP_HOST"),
    Key(
        "smtp.port",
        "Relais SMTP : port (587 STARTTLS, 465 TLS)",
        "587",
        _int_between(1, 65535, ""),
        env="MLPLANNER_SMTP_PORT",
    ),
    Key(
        "smtp.security",
        "Relais SMTP : chiffrement (starttls, tls ou none)",
        SmtpSecurity.STARTTLS.value,
        _choice(tuple(s.value for s in SmtpSecurity)),
        env="MLPLANNER_SMTP_SECURITY",
    ),
    Key("smtp.from", "Adresse d'expédition des e-mails", "", _email, env="MLPLANNER_SMTP_FROM"),
    Key(
        "smtp.timeout",
        "Relais SMTP : délai d'attente (secondes)",
        "30",
        _int_between(1, 300, "secondes"),
        env="MLPLANNER_SMTP_TIMEOUT",
    ),
    Key("smtp.user", "Relais SMTP : identifiant (secret)", env="MLPLANNER_SMTP_USER", secret=True),
    Key("smtp.password", "Relais SMTP : mot de passe (secret)", env="MLPLANNER_SMTP_PASSWORD", secret=True),
    Key(
        "sms.gateway_address",
        "Passerelle e-mail vers SMS : adresse ({msisdn} ou {numero} = numéro du jeune)",
        "",
        _gateway,
    ),
    Key(
        "sms.gateway_subject",
        "Passerelle e-mail vers SMS : objet ({secret} = mot de passe de la passerelle)",
        "",
        _text(300),
    ),
    Key(
        "sms.gateway_secret",
        "Passerelle e-mail vers SMS : mot de passe (secret)",
        env="MLPLANNER_SMS_GATEWAY_SECRET",
        secret=True,
    ),
    Key("sms.api_url", "API SMSFactor : adresse", DEFAULT_URL, _url, env="MLPLANNER_SMS_API_URL"),
    Key(
        "sms.sender",
        "Émetteur des SMS (3 à 11 lettres ou chiffres, vide = celui du fournisseur)",
        "",
        check_sender,
    ),
    Key(
        "sms.api_token", "API SMSFactor : jeton d'accès (secret)", env="MLPLANNER_SMS_API_TOKEN", secret=True
    ),
)
BY_NAME: dict[str, Key] = {k.name: k for k in KEYS}

_CONFIRM = re.compile(r"^reminders\.confirm\.([A-Z0-9_-]{1,16})$")
_RULE = re.compile(r"^reminders\.rule\.([A-Z0-9_-]{1,16})$")
_TEMPLATE = re.compile(r"^reminders\.template\.([a-z_]+)\.(sms|subject|email)$")
PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "reminders.confirm.<CODE>",
        "Confirmation à la prise de rendez-vous pour ce type (oui/non ; défaut non)",
    ),
    (
        "reminders.rule.<CODE>",
        "Rappel pour ce type : auto (jour ouvré précédent), off, ou nombre de jours (1-14)",
    ),
    (
        "reminders.template.<type>.<sms|subject|email>",
        "Modèle de texte (types : " + ", ".join(k.value for k in MessageKind) + ")",
    ),
)


def template_key(kind: MessageKind, part: Part) -> str:
    return f"reminders.template.{kind.value}.{part.value}"


def resolve(name: str) -> tuple[str, Callable[[str], str]]:
    """The canonical key and its check, or NotFound listing what exists."""
    key = BY_NAME.get(name)
    if key is not None:
        if key.secret:
            raise InputError(
                "secret_setting",
                f"« {name} » est un secret : il n'est jamais écrit dans le fichier. Utilisez "
                f"« mlplanner settings set-secret {name} » (trousseau du système) ou la variable {key.env}.",
            )
        return key.name, key.check
    upper = name[: name.rfind(".") + 1] + name[name.rfind(".") + 1 :].upper() if "." in name else name
    if _CONFIRM.match(upper):
        return upper, _bool
    if _RULE.match(upper):
        return upper, timing.check_rule
    m = _TEMPLATE.match(name)
    if m:
        try:
            kind, part = MessageKind(m.group(1)), Part(m.group(2))
        except ValueError:
            pass
        else:
            return name, lambda text: templates.check(text, kind=kind, part=part)
    raise NotFound("unknown_setting", f"Réglage inconnu : « {name} » (voir « mlplanner settings list »).")


# --- secrets -----------------------------------------------------------------------------------------
class SecretStore(Protocol):
    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str | None) -> None: ...

    def source(self, name: str) -> str:
        """Where the secret comes from ("variable X", "trousseau du système"), "" if it is not set."""
        ...


class SystemSecrets:
    """Secrets from the environment first, else from the system keyring (service "mlplanner/<SITE>").

    The keyring is imported on first use (it probes its back-ends) and any failure of it (no keyring on
    a server, a locked one) reads as "not set": the outbox then says which variable to set.
    """

    def __init__(self, site_code: Callable[[], str], environ: Mapping[str, str] | None = None) -> None:
        self._site_code = site_code
        self.environ = os.environ if environ is None else environ

    def _service(self) -> str:
        return f"mlplanner/{self._site_code()}"

    def _env(self, name: str) -> str | None:
        key = BY_NAME.get(name)
        value = self.environ.get(key.env, "") if key is not None and key.env else ""
        return value or None

    def get(self, name: str) -> str | None:
        value = self._env(name)
        if value:
            return value
        try:
            import keyring

            return keyring.get_password(self._service(), name) or None
        except Exception as exc:  # no back-end, locked keyring, D-Bus missing...: not set
            log.info("keyring unavailable for %s: %s", name, exc.__class__.__name__)
            return None

    def set(self, name: str, value: str | None) -> None:
        try:
            import keyring

            if value:
                keyring.set_password(self._service(), name, value)
            else:
                with contextlib.suppress(keyring.errors.PasswordDeleteError):
                    keyring.delete_password(self._service(), name)
        except Exception as exc:
            key = BY_NAME.get(name)
            raise StorageError(
                "no_keyring",
                "Le trousseau du système est indisponible sur ce poste"
                + (
                    f" : définissez plutôt la variable d'environnement {key.env}." if key and key.env else "."
                ),
            ) from exc

    def source(self, name: str) -> str:
        if self._env(name):
            key = BY_NAME[name]
            return f"variable {key.env}"
        return "trousseau du système" if self.get(name) else ""


class MemorySecrets:
    """Secrets held in memory (tests, and the demo)."""

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self.values = dict(values or {})

    def get(self, name: str) -> str | None:
        return self.values.get(name) or None

    def set(self, name: str, value: str | None) -> None:
        if value:
            self.values[name] = value
        else:
            self.values.pop(name, None)

    def source(self, name: str) -> str:
        return "mémoire" if name in self.values else ""


# --- reading -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReminderSettings:
    """Every setting of the outbox, with defaults applied and the environment's overrides."""

    stored: Mapping[str, str]
    environ: Mapping[str, str] = field(default_factory=dict)

    def raw(self, name: str) -> str:
        key = BY_NAME.get(name)
        if key is not None and key.env and self.environ.get(key.env):
            return self.environ[key.env].strip()
        if name in self.stored:
            return self.stored[name]
        return key.default if key is not None else ""

    def source(self, name: str) -> str:
        key = BY_NAME.get(name)
        if key is not None and key.env and self.environ.get(key.env):
            return f"variable {key.env}"
        return "fichier" if name in self.stored else "défaut"

    def _checked(self, name: str, fallback: str) -> str:
        """A stored value that no longer passes its check (an old file, a typo in the environment) falls back
        to the default, so that a bad value never stops the app; `status` shows the raw value."""
        key = BY_NAME[name]
        try:
            return key.check(self.raw(name))
        except InputError:
            return fallback

    @property
    def enabled(self) -> bool:
        return self._checked("reminders.enabled", "non") == "oui"

    @property
    def enabled_at(self) -> datetime | None:
        text = self.stored.get(ENABLED_AT, "")
        try:
            value = datetime.fromisoformat(text) if text else None
        except ValueError:
            return None
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)

    @property
    def sms_route(self) -> SmsRoute:
        return SmsRoute(self._checked("reminders.sms_route", SmsRoute.NONE.value))

    @property
    def email_route(self) -> EmailRoute:
        return EmailRoute(self._checked("reminders.email_route", EmailRoute.NONE.value))

    @property
    def send_hour(self) -> time:
        return time.fromisoformat(self._checked("reminders.send_hour", "10:00"))

    @property
    def window(self) -> timing.SendingWindow:
        return timing.SendingWindow.parse(self._checked("reminders.window", "08:00-20:00"))

    @property
    def period_min(self) -> int:
        return int(self._checked("reminders.period_min", "5"))

    @property
    def workshop_rule(self) -> str:
        return self._checked("reminders.workshop_rule", timing.AUTO)

    def confirm_for(self, type_code: str) -> bool:
        return self.stored.get(f"reminders.confirm.{type_code.upper()}", "non") == "oui"

    def rule_for(self, type_code: str) -> str:
        try:
            return timing.check_rule(self.stored.get(f"reminders.rule.{type_code.upper()}", timing.AUTO))
        except InputError:
            return timing.AUTO

    def template(self, kind: MessageKind, part: Part) -> str:
        return self.stored.get(template_key(kind, part)) or templates.DEFAULTS[(kind, part)]

    def is_default_template(self, kind: MessageKind, part: Part) -> bool:
        return template_key(kind, part) not in self.stored

    # SMTP and SMS provider ---------------------------------------------------------------------------
    @property
    def smtp_host(self) -> str:
        return self._checked("smtp.host", "")

    @property
    def smtp_port(self) -> int:
        return int(self._checked("smtp.port", "587"))

    @property
    def smtp_security(self) -> SmtpSecurity:
        return SmtpSecurity(self._checked("smtp.security", SmtpSecurity.STARTTLS.value))

    @property
    def smtp_from(self) -> str:
        return self._checked("smtp.from", "")

    @property
    def smtp_timeout(self) -> float:
        return float(self._checked("smtp.timeout", "30"))

    @property
    def gateway_address(self) -> str:
        return self._checked("sms.gateway_address", "")

    @property
    def gateway_subject(self) -> str:
        return self.raw("sms.gateway_subject")

    @property
    def api_url(self) -> str:
        return self._checked("sms.api_url", DEFAULT_URL)

    @property
    def sms_sender(self) -> str:
        return self._checked("sms.sender", "")


def load(session: Session, environ: Mapping[str, str] | None = None) -> ReminderSettings:
    rows = session.exec(select(Meta).where(or_(*(col(Meta.key).startswith(p) for p in PREFIXES))))
    return ReminderSettings({r.key: r.value for r in rows}, dict(environ or {}))
