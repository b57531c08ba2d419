"""Why an appointment is in the way, in words: an absence, a closure, a holiday (the day's banner, the
call list and the impact dialog say it the same way). Its own module: the day page needs the words, not
the impact dialog and its services, before it is first shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mlplanner.domain.impact import Cause
from mlplanner.ui.i18n import tr, tr_noop

if TYPE_CHECKING:
    from mlplanner.services.booking.impact import Affected

CAUSE_FR = {
    Cause.ABSENCE: tr_noop("absence de {who}"),
    Cause.CLOSURE: tr_noop("site fermé"),
    Cause.HOLIDAY: tr_noop("jour férié"),
}


def cause_text(x: Affected) -> str:
    text = tr(CAUSE_FR[x.why.cause]).format(who=x.why.who)
    return f"{text} ({x.why.detail})" if x.why.detail else text
