"""The counsellor's day sheet, the confirmation slip and the reminder call list."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

from printing_samples import call_list, counsellor_day, pdf_pages_text, slip

from mlplanner.domain.enums import Mode, Status
from mlplanner.printing import (
    CounsellorDayRow,
    render_call_list,
    render_counsellor_day,
    render_slip,
)


def _text(renderer, doc) -> list[str]:
    buf = io.BytesIO()
    pages = renderer(doc, buf)
    texts = pdf_pages_text(buf.getvalue())
    assert pages == len(texts)
    return texts


def test_counsellor_day_lists_appointments_in_time_order_with_notes() -> None:
    doc = counsellor_day()
    shuffled = replace(doc, rows=tuple(reversed(doc.rows)))
    text = _text(render_counsellor_day, shuffled)[0]
    for expected in (
        "Rendez-vous du jour",
        "Éloïse Lœuvre · mardi 6 avril 2027",
        "6 rendez-vous, de 09:00 à 17:30",
        "06 98 73 29 18",
        "✗ absent",
        "Apporter le CV « à jour » ; frais de",
        "12,50 €",
        "téléphone",
        "page 1 / 1",
        "Document nominatif",
    ):
        assert expected in text, expected
    starts = [text.index(t) for t in ("09:00\n09:45", "10:00\n11:00", "14:00\n14:45", "16:30\n17:30")]
    assert starts == sorted(starts)


def test_cancelled_appointments_are_shown_as_such_and_not_counted() -> None:
    row = CounsellorDayRow(datetime(2027, 4, 6, 11).time(), datetime(2027, 4, 6, 12).time(), "FAURE Noël")
    doc = replace(
        counsellor_day(), rows=(row, replace(row, youth_name="LEROY Œdipe", status=Status.CANCELLED_BY_YOUTH))
    )
    text = _text(render_counsellor_day, doc)[0]
    assert "1 rendez-vous (et 1 annulé)" in text
    assert "LEROY Œdipe" in text and "annulé" in text


def test_an_empty_day_says_so() -> None:
    text = _text(render_counsellor_day, replace(counsellor_day(), rows=()))[0]
    assert "Aucun rendez-vous ce jour." in text


def test_slip_tells_the_young_person_when_where_with_whom_and_how_to_cancel() -> None:
    text = _text(render_slip, slip())[0]
    for expected in (
        "Bonjour Maëlle CŒURDEROY,",
        "mardi 6 avril 2027",
        "à 9 h 30",
        "durée prévue : 45 min",
        "Éloïse Lœuvre",
        "Entretien CEJ",
        "Antenne de Montfort-sur-Meu – Bureau 3",
        "12 rue de l'Église, 35160 Montfort-sur-Meu",
        "À apporter",
        "Attestation de sécurité sociale (carte Vitale)",
        "Un empêchement ?",
        "au 02 99 09 00 00",
        "page 1 / 1",
    ):
        assert expected in text, expected
    # Handed to the young person: no staff name in the footer, no internal reminder.
    assert "Imprimé le" not in text and "Document nominatif" not in text


def test_slip_for_a_phone_appointment_and_a_custom_cancel_rule() -> None:
    doc = replace(
        slip(), mode=Mode.PHONE, room_name="", how_to_cancel="Envoyez « ANNUL » par SMS au 06 00 00 00 00."
    )
    text = _text(render_slip, doc)[0]
    assert "Par téléphone" in text and "vous appellera" in text
    assert "Envoyez « ANNUL » par SMS" in text
    assert "Bureau 3" not in text and "quelques minutes avant" not in text


def test_call_list_has_every_booked_appointment_sorted_by_time() -> None:
    doc = call_list()
    texts = _text(render_call_list, doc)
    everything = "\n".join(texts)
    assert f"{len(doc.rows)} jeunes à appeler" in texts[0]
    assert "Rendez-vous du jeudi 8 avril 2027" in texts[0]
    for n, text in enumerate(texts, start=1):
        assert f"page {n} / {len(texts)}" in text
        assert "Résultat de l'appel" in text  # header repeated on each page
    for row in doc.rows:
        assert row.phone in everything
    times = [line for line in everything.splitlines() if len(line) == 5 and line[2] == ":"]
    assert times == sorted(times) and len(times) == len(doc.rows)
    assert "visio" in everything


def test_empty_call_list() -> None:
    text = _text(render_call_list, replace(call_list(), rows=()))[0]
    assert "Aucun rendez-vous à rappeler pour le jeudi 8 avril 2027." in text
