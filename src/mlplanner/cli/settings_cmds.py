"""`mlplanner settings list|get|set|unset|set-secret`: a site's settings from the command line.

One list of keys, whatever area owns them: follow-up (`followup.*`), printed documents (`print.*`), the
outbox of messages to young people (`reminders.*`, `smtp.*`, `sms.*`). Secrets (SMTP login and
password, SMS API token) are never written in the file: `set-secret` keeps them in the system keyring,
reading the value from standard input (never from the command line, which shell histories keep).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from dataclasses import dataclass

from mlplanner.cli.common import actor_for, add_common, run
from mlplanner.domain.errors import InputError
from mlplanner.services.container import Services
from mlplanner.services.printing.settings import LABELS as PRINT_LABELS
from mlplanner.services.printing.settings import check_key as check_print_key
from mlplanner.services.reminders.settings import BY_NAME as REMINDER_KEYS


@dataclass(frozen=True)
class Line:
    key: str
    value: str
    source: str
    label: str


def _lines(sv: Services) -> list[Line]:
    out: list[Line] = []
    for spec in sv.settings.catalogue:
        out.append(Line(spec.key, str(sv.settings.get_int(spec)), "", f"{spec.label} ({spec.unit})"))
    printing = _print_values(sv)
    for key, label in PRINT_LABELS.items():
        out.append(Line(key, printing.get(key, ""), "fichier" if key in printing else "défaut", label))
    for r in sv.reminders.setting_lines():
        out.append(Line(r.key, r.value, r.source, r.label))
    return out


def _print_values(sv: Services) -> dict[str, str]:
    return sv.settings.stored("print.")


def cmd_list(args: argparse.Namespace, sv: Services) -> dict:
    patterns = [{"key": k, "label": v} for k, v in sv.reminders.patterns()]
    patterns.insert(0, {"key": "print.bring.<CODE>", "label": "À apporter pour ce type de rendez-vous"})
    return {"settings": _lines(sv), "patterns": patterns}


def _render_list(result: dict) -> str:
    rows = [
        f"{line.key:<34} {_short(line.value):<28} {line.source:<24} {line.label}"
        for line in result["settings"]
    ]
    rows.append("")
    rows.append("Clés par type de rendez-vous ou de message :")
    rows += [f"  {p['key']:<46} {p['label']}" for p in result["patterns"]]
    rows.append("")
    rows.append("Modifier : mlplanner settings set CLÉ VALEUR ; secret : mlplanner settings set-secret CLÉ")
    return "\n".join(rows)


def _short(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= 28 else flat[:27] + "…"


def _area(sv: Services, key: str) -> str:
    if any(s.key == key for s in sv.settings.catalogue):
        return "int"
    if key.startswith("print."):
        check_print_key(key)
        return "print"
    if key.startswith(("reminders.", "smtp.", "sms.")):
        return "reminders"
    raise InputError("unknown_setting", f"Réglage inconnu : « {key} » (voir « mlplanner settings list »).")


def cmd_get(args: argparse.Namespace, sv: Services) -> dict:
    key = args.key.strip()
    area = _area(sv, key)
    if area == "reminders":
        spec = REMINDER_KEYS.get(key)
        if spec is not None and spec.secret:
            where = sv.reminders.secrets.source(key)
            return {"key": key, "value": "(défini)" if where else "(non défini)", "source": where or "—"}
        st = sv.reminders.settings()
        value = st.raw(key) if key in REMINDER_KEYS else st.stored.get(_canonical(key), "")
        return {"key": key, "value": value, "source": st.source(key)}
    for line in _lines(sv):
        if line.key == key:
            return {"key": key, "value": line.value, "source": line.source}
    printing = _print_values(sv)
    return {"key": key, "value": printing.get(key, ""), "source": "fichier" if key in printing else "défaut"}


def _canonical(key: str) -> str:
    from mlplanner.services.reminders.settings import resolve

    return resolve(key)[0]


def cmd_set(args: argparse.Namespace, sv: Services, *, unset: bool = False) -> dict:
    key = args.key.strip()
    area = _area(sv, key)
    actor = actor_for(args, sv)
    value = None if unset else args.value
    if area == "int":
        spec = sv.settings.setting(key)
        if value is None:
            value = str(spec.default)
        try:
            number = int(value)
        except ValueError:
            raise InputError("bad_number", f"{spec.label} : nombre attendu (pas « {value} »).") from None
        sv.settings.set_int(actor=actor, setting=spec, value=number)
    elif area == "print":
        sv.printing.set_setting(actor=actor, key=key, value=value)
    else:
        sv.reminders.set_setting(actor=actor, key=key, value=value)
    return cmd_get(args, sv)


def cmd_set_secret(args: argparse.Namespace, sv: Services) -> dict:
    key = args.key.strip()
    if args.remove:
        value = None
    elif sys.stdin.isatty():
        value = getpass.getpass(f"Valeur de {key} (rien ne s'affiche) : ")
    else:
        value = sys.stdin.readline().rstrip("\r\n")
    if value is not None and not value.strip():
        raise InputError("empty_secret", "Aucune valeur reçue : rien n'est enregistré.")
    sv.reminders.set_secret(actor=actor_for(args, sv), key=key, value=value)
    where = sv.reminders.secrets.source(key)
    return {"key": key, "value": "(défini)" if where else "(non défini)", "source": where or "—"}


def _render_one(result: dict) -> str:
    return f"{result['key']} = {result['value']}  ({result['source']})"


def register(sub: argparse._SubParsersAction) -> None:
    settings = sub.add_parser("settings", help="voir et modifier les réglages du site (dont SMTP et SMS)")
    ssub = settings.add_subparsers(dest="settings_cmd", required=True)
    p = ssub.add_parser("list", help="tous les réglages, leur valeur et leur provenance")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_list, _render_list))
    p = ssub.add_parser("get", help="la valeur d'un réglage")
    p.add_argument("key", metavar="CLÉ")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_get, _render_one))
    p = ssub.add_parser("set", help="changer un réglage (voir « settings list »)")
    p.add_argument("key", metavar="CLÉ")
    p.add_argument("value", metavar="VALEUR")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_set, _render_one))
    p = ssub.add_parser("unset", help="remettre un réglage à sa valeur par défaut")
    p.add_argument("key", metavar="CLÉ")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, lambda args, sv: cmd_set(args, sv, unset=True), _render_one))
    p = ssub.add_parser(
        "set-secret",
        help="enregistrer un secret (mot de passe SMTP, jeton SMS) dans le trousseau du système ; "
        "la valeur est lue sur l'entrée standard",
    )
    p.add_argument("key", metavar="CLÉ", help="smtp.user, smtp.password, sms.api_token, sms.gateway_secret")
    p.add_argument("--remove", action="store_true", help="retirer le secret du trousseau")
    add_common(p)
    p.set_defaults(func=lambda a: run(a, cmd_set_secret, _render_one))
