"""Message texts: French templates with named fields, their defaults, and how they are filled in.

A template is plain text with fields in braces, named in French so that a site lead can edit them:
`{prenom}`, `{jour}`, `{heure}`, `{lieu}`, `{apporter}`, `{annuler}`... (`FIELDS` lists them all).
Each kind of message has three templates: the SMS text, the e-mail subject and the e-mail body. An
unknown field or a lone brace is refused when the template is saved (never discovered at 10:00 when
the reminders go out). SMS texts are folded to the GSM alphabet after filling (see `gsm`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from mlplanner.domain.enums import Mode
from mlplanner.domain.errors import InputError
from mlplanner.domain.labels import WEEKDAYS_FR
from mlplanner.domain.messaging import gsm
from mlplanner.domain.messaging.kinds import KIND_FR, MessageKind


class Part(StrEnum):
    SMS = "sms"
    SUBJECT = "subject"
    EMAIL = "email"


PART_FR: dict[Part, str] = {
    Part.SMS: "SMS",
    Part.SUBJECT: "objet de l'e-mail",
    Part.EMAIL: "texte de l'e-mail",
}

FIELDS: dict[str, str] = {
    "prenom": "prénom du jeune",
    "nom": "nom du jeune",
    "jour": "jour et date courte (« lundi 30/11 »)",
    "date": "date (« 30/11/2026 »)",
    "heure": "heure (« 14h30 »)",
    "lieu": "où (adresse du site, ou « par téléphone »…)",
    "adresse": "adresse du site",
    "salle": "bureau ou salle",
    "conseiller": "conseiller ou animateur",
    "type": "type de rendez-vous",
    "atelier": "titre de l'atelier",
    "apporter": "ce qu'il faut apporter",
    "annuler": "comment annuler ou prévenir",
    "site": "nom du site",
    "telephone_site": "téléphone du site",
}

_FIELD = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Facts:
    """What a message says, gathered by the service from the appointment or the workshop session."""

    first_name: str
    last_name: str
    start: datetime  # wall clock at the site
    mode: Mode = Mode.ON_SITE
    site_name: str = ""
    site_address: str = ""
    site_phone: str = ""
    room: str = ""
    counsellor: str = ""
    type_label: str = ""
    workshop: str = ""
    bring: tuple[str, ...] = field(default_factory=tuple)
    how_to_cancel: str = ""


def hour_fr(t: datetime) -> str:
    return f"{t.hour}h" if t.minute == 0 else f"{t.hour}h{t.minute:02d}"


def place_fr(facts: Facts, part: Part = Part.EMAIL) -> str:
    if facts.mode is Mode.PHONE:
        return "par téléphone (nous vous appellerons)"
    if facts.mode is Mode.VIDEO:
        return "en visio (le lien vous sera communiqué)"
    if facts.mode is Mode.OUTSIDE:
        return "hors de nos locaux (lieu convenu avec votre conseiller)"
    if part is Part.SMS and facts.site_address:  # the SMS already says "Mission Locale"
        return facts.site_address
    where = ", ".join(p for p in (facts.site_name, facts.site_address) if p)
    return where or "à la Mission Locale"


def short_item(item: str) -> str:
    """ "Pièce d'identité (carte d'identité, passeport ou titre de séjour)" → "pièce d'identité"
    (an SMS has no room for the details; the e-mail keeps them)."""
    head = re.split(r"\s*[(,]", item.strip(), maxsplit=1)[0].strip()
    return head[:1].lower() + head[1:] if head[:2] != head[:2].upper() else head


def cancel_fr(facts: Facts) -> str:
    if facts.how_to_cancel.strip():
        return facts.how_to_cancel.strip()
    if facts.site_phone:
        return f"Vous ne pouvez pas venir ? Prévenez-nous au {facts.site_phone}."
    return "Vous ne pouvez pas venir ? Prévenez votre Mission Locale."


def values(facts: Facts, part: Part) -> dict[str, str]:
    """Field values for one part: the SMS gets short forms, the e-mail the full lists."""
    if part is Part.EMAIL:
        bring = "\n".join(f"- {item}" for item in facts.bring) if facts.bring else "- rien de particulier"
    else:
        bring = ", ".join(short_item(i) for i in facts.bring) if facts.bring else "rien de particulier"
    return {
        "prenom": facts.first_name,
        "nom": facts.last_name,
        "jour": f"{WEEKDAYS_FR[facts.start.weekday()]} {facts.start:%d/%m}",
        "date": f"{facts.start:%d/%m/%Y}",
        "heure": hour_fr(facts.start),
        "lieu": place_fr(facts, part),
        "adresse": facts.site_address,
        "salle": facts.room,
        "conseiller": facts.counsellor,
        "type": facts.type_label,
        "atelier": facts.workshop,
        "apporter": bring,
        "annuler": cancel_fr(facts),
        "site": facts.site_name,
        "telephone_site": facts.site_phone,
    }


def check(template: str, *, kind: MessageKind, part: Part) -> str:
    """The template, stripped, or an InputError naming the unknown field or the stray brace."""
    text = (template or "").strip()
    what = f"Modèle « {KIND_FR[kind]} » ({PART_FR[part]})"
    if not text:
        raise InputError("empty_template", f"{what} : le texte est vide.")
    if len(text) > 4000:
        raise InputError("long_template", f"{what} : texte trop long (4000 caractères au plus).")
    if part is Part.SUBJECT and "\n" in text:
        raise InputError("bad_template", f"{what} : l'objet tient sur une seule ligne.")
    unknown = [name for name in _FIELD.findall(text) if name not in FIELDS]
    if unknown:
        known = ", ".join("{" + f + "}" for f in FIELDS)
        raise InputError(
            "unknown_field",
            f"{what} : champ inconnu « {{{unknown[0]}}} ». Champs possibles : {known}.",
        )
    leftover = _FIELD.sub("", text)
    if "{" in leftover or "}" in leftover:
        raise InputError(
            "bad_template",
            f"{what} : accolade isolée. Les champs s'écrivent entre accolades, par exemple {{prenom}}.",
        )
    if part is Part.SMS:
        length = gsm.measure(fill(text, SAMPLE, part))
        if length.too_long:
            raise InputError(
                "long_sms",
                f"{what} : {length.parts} SMS avec des valeurs types ; {gsm.MAX_PARTS} au plus.",
            )
    return text


def fill(template: str, facts: Facts, part: Part) -> str:
    vals = values(facts, part)
    text = _FIELD.sub(lambda m: vals.get(m.group(1), m.group(0)), template)
    if part is Part.SUBJECT:
        text = " ".join(text.split())
    return text.strip()


# Typical values: the settings page counts SMS parts on them while a template is typed.
SAMPLE = Facts(
    first_name="Éloïse",
    last_name="Lœuvre",
    start=datetime(2026, 11, 30, 14, 30),
    site_name="Mission Locale de Paris — site Paris 13",
    site_address="12 rue de Tolbiac, 75013 Paris",
    site_phone="01 45 83 12 34",
    room="Bureau 2",
    counsellor="Nadia Benkhaled",
    type_label="Entretien de suivi",
    workshop="Préparer son entretien d'embauche",
    bring=(
        "Pièce d'identité (carte d'identité, passeport ou titre de séjour)",
        "CV à jour, si vous en avez un",
    ),
    how_to_cancel="",
)

_SIGNATURE = "\n\nL'équipe de la {site}\n{adresse}\nTél. {telephone_site}"

DEFAULTS: dict[tuple[MessageKind, Part], str] = {
    (MessageKind.CONFIRMATION, Part.SMS): (
        "{prenom}, votre rendez-vous Mission Locale est confirmé le {jour} à {heure} avec {conseiller}, "
        "{lieu}. Pensez à apporter : {apporter}. {annuler}"
    ),
    (MessageKind.CONFIRMATION, Part.SUBJECT): "Votre rendez-vous du {jour} à {heure} est confirmé",
    (MessageKind.CONFIRMATION, Part.EMAIL): (
        "Bonjour {prenom},\n\nVotre rendez-vous ({type}) avec {conseiller} est confirmé le {jour} à {heure}, "
        "{lieu}.\n\nÀ apporter :\n{apporter}\n\n{annuler}" + _SIGNATURE
    ),
    (MessageKind.REMINDER, Part.SMS): (
        "Rappel : {prenom}, RDV Mission Locale le {jour} à {heure} avec {conseiller}, {lieu}. "
        "Pensez à apporter : {apporter}. {annuler}"
    ),
    (MessageKind.REMINDER, Part.SUBJECT): "Rappel : votre rendez-vous du {jour} à {heure}",
    (MessageKind.REMINDER, Part.EMAIL): (
        "Bonjour {prenom},\n\nNous vous rappelons votre rendez-vous ({type}) avec {conseiller} le {jour} "
        "à {heure}, {lieu}.\n\nÀ apporter :\n{apporter}\n\n{annuler}" + _SIGNATURE
    ),
    (MessageKind.MOVED, Part.SMS): (
        "{prenom}, votre RDV Mission Locale a changé : il aura lieu le {jour} à {heure}, {lieu}. {annuler}"
    ),
    (MessageKind.MOVED, Part.SUBJECT): "Votre rendez-vous a changé : {jour} à {heure}",
    (MessageKind.MOVED, Part.EMAIL): (
        "Bonjour {prenom},\n\nVotre rendez-vous a été modifié par la Mission Locale. Il aura lieu le {jour} à "
        "{heure}, {lieu}.\n\nÀ apporter :\n{apporter}\n\n{annuler}" + _SIGNATURE
    ),
    (MessageKind.CANCELLED, Part.SMS): (
        "{prenom}, la Mission Locale doit annuler votre RDV du {jour} à {heure}. Nous vous proposerons "
        "une autre date. Infos : {telephone_site}"
    ),
    (MessageKind.CANCELLED, Part.SUBJECT): "Votre rendez-vous du {jour} à {heure} est annulé",
    (MessageKind.CANCELLED, Part.EMAIL): (
        "Bonjour {prenom},\n\nNous devons annuler votre rendez-vous du {jour} à {heure}. Nous vous "
        "recontacterons pour vous proposer une autre date ; vous pouvez aussi nous appeler au "
        "{telephone_site}." + _SIGNATURE
    ),
    (MessageKind.SESSION_CANCELLED, Part.SMS): (
        "{prenom}, l'atelier « {atelier} » du {jour} à {heure} est annulé. Infos : {telephone_site}"
    ),
    (MessageKind.SESSION_CANCELLED, Part.SUBJECT): "Atelier annulé : {atelier}, {jour} à {heure}",
    (MessageKind.SESSION_CANCELLED, Part.EMAIL): (
        "Bonjour {prenom},\n\nL'atelier « {atelier} » du {jour} à {heure} est annulé. Nous vous proposerons "
        "une autre séance ; pour toute question, appelez-nous au {telephone_site}." + _SIGNATURE
    ),
    (MessageKind.PROMOTED, Part.SMS): (
        "{prenom}, une place s'est libérée : vous êtes inscrit(e) à l'atelier « {atelier} » le {jour} à "
        "{heure}, {lieu}. {annuler}"
    ),
    (MessageKind.PROMOTED, Part.SUBJECT): "Une place s'est libérée : {atelier}, {jour} à {heure}",
    (MessageKind.PROMOTED, Part.EMAIL): (
        "Bonjour {prenom},\n\nUne place s'est libérée : vous êtes inscrit(e) à l'atelier « {atelier} » le "
        "{jour} à {heure}, {lieu}.\n\n{annuler}" + _SIGNATURE
    ),
}


@dataclass(frozen=True)
class Rendered:
    channel_text: str  # the SMS (GSM alphabet) or the e-mail body
    subject: str = ""


def render_sms(template: str, facts: Facts) -> str:
    return gsm.to_gsm(fill(template, facts, Part.SMS))


def render_email(subject: str, body: str, facts: Facts) -> Rendered:
    return Rendered(fill(body, facts, Part.EMAIL), fill(subject, facts, Part.SUBJECT))
