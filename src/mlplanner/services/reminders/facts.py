"""What a message says and to whom: the facts of its subject, the channel, the rendered text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from mlplanner.domain.enums import Mode
from mlplanner.domain.errors import InputError
from mlplanner.domain.messaging import gsm, templates
from mlplanner.domain.messaging.kinds import Channel, EmailRoute, MessageKind, SmsRoute
from mlplanner.domain.messaging.phones import msisdn, national
from mlplanner.domain.messaging.templates import Facts, Part
from mlplanner.domain.text import check_email
from mlplanner.services.printing.settings import load_settings as load_print_settings
from mlplanner.services.reminders.settings import ReminderSettings
from mlplanner.storage.tables import Appointment, AppointmentType, Room, Site, Staff, Youth
from mlplanner.storage.workshop_tables import WorkshopRegistration, WorkshopSeries, WorkshopSession


def facts_for(session: Session, subject: str, site: Site) -> tuple[Facts, Youth] | None:
    """The facts of an appointment ("a:<id>") or a registration ("r:<id>"), and the youth."""
    kind, _, row_id = subject.partition(":")
    printing = load_print_settings(session, site)
    cancel = printing.how_to_cancel
    if kind == "a":
        a = session.get(Appointment, row_id)
        if a is None:
            return None
        youth = session.get(Youth, a.youth_id)
        atype = session.get(AppointmentType, a.type_id)
        counsellor = session.get(Staff, a.counsellor_id)
        room = session.get(Room, a.room_id) if a.room_id else None
        if youth is None or atype is None:
            return None
        mode = Mode(a.mode)
        return (
            Facts(
                first_name=youth.first_name,
                last_name=youth.last_name,
                start=a.start,
                mode=mode,
                site_name=site.name,
                site_address=site.address,
                site_phone=site.phone,
                room=room.name if room else "",
                counsellor=f"{counsellor.first_name} {counsellor.last_name}" if counsellor else "",
                type_label=atype.label,
                bring=printing.what_to_bring(atype.code, mode),
                how_to_cancel=cancel,
            ),
            youth,
        )
    if kind == "r":
        r = session.get(WorkshopRegistration, row_id)
        w = session.get(WorkshopSession, r.session_id) if r else None
        if r is None or w is None:
            return None
        youth = session.get(Youth, r.youth_id)
        series = session.get(WorkshopSeries, w.series_id)
        room = session.get(Room, w.room_id) if w.room_id else None
        facilitator = session.get(Staff, w.facilitator_id) if w.facilitator_id else None
        if youth is None:
            return None
        return (
            Facts(
                first_name=youth.first_name,
                last_name=youth.last_name,
                start=w.start,
                mode=Mode.ON_SITE,
                site_name=site.name,
                site_address=site.address,
                site_phone=site.phone,
                room=room.name if room else "",
                counsellor=f"{facilitator.first_name} {facilitator.last_name}" if facilitator else "",
                type_label="atelier",
                workshop=series.title if series else "atelier",
                how_to_cancel=cancel,
            ),
            youth,
        )
    return None


@dataclass(frozen=True)
class Route:
    """The channel a youth is reached on, or why there is none."""

    channel: Channel | None
    recipient: str = ""
    national: str = ""
    why_not: str = ""


def route_for(youth: Youth, settings: ReminderSettings) -> Route:
    """SMS first (what young people read), else e-mail; each needs the channel set up, the youth's consent
    for it and a usable number or address."""
    reasons: list[str] = []
    if settings.sms_route is not SmsRoute.NONE:
        number = msisdn(youth.phone)
        if not youth.sms_consent:
            reasons.append("pas d'accord pour les SMS")
        elif number is None:
            reasons.append("pas de numéro de portable" if not youth.phone else "numéro non mobile")
        else:
            return Route(Channel.SMS, number, national(youth.phone))
    if settings.email_route is EmailRoute.SMTP:
        try:
            address = check_email(youth.email)
        except InputError:
            address = ""
        if not youth.email_consent:
            reasons.append("pas d'accord pour les e-mails")
        elif not address:
            reasons.append("pas d'adresse e-mail valable")
        else:
            return Route(Channel.EMAIL, address)
    if not reasons:
        reasons.append("aucun canal d'envoi configuré")
    return Route(None, why_not=" ; ".join(reasons))


@dataclass(frozen=True)
class Text:
    body: str
    title: str = ""
    parts: int = 0


def render(kind: MessageKind, channel: Channel, facts: Facts, settings: ReminderSettings) -> Text:
    if channel is Channel.SMS:
        body = templates.render_sms(settings.template(kind, Part.SMS), facts)
        return Text(body, "", gsm.measure(body).parts)
    rendered = templates.render_email(
        settings.template(kind, Part.SUBJECT), settings.template(kind, Part.EMAIL), facts
    )
    return Text(rendered.channel_text, rendered.subject, 0)
