"""Youth search (accents, case, phone, external id, prefixes, ranking), duplicates, NIR refusal, merge."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from mlplanner.domain.errors import InputError, NotFound, PermissionDenied, RuleViolation
from mlplanner.services.youths.service import YouthDraft, reindex
from mlplanner.storage.tables import Appointment, AuditEntry, Youth

if TYPE_CHECKING:
    from support import TestSite

wall = datetime.fromisoformat


def names(found) -> list[str]:
    return [y.display_name for y in found]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("eloise", "LŒUVRE Éloïse"),
        ("ELOISE", "LŒUVRE Éloïse"),
        ("Éloïse", "LŒUVRE Éloïse"),
        ("loeuvre", "LŒUVRE Éloïse"),
        ("lœuvre", "LŒUVRE Éloïse"),
        ("eloise loeuvre", "LŒUVRE Éloïse"),
        ("loeuvre elo", "LŒUVRE Éloïse"),  # word order free, prefixes
        ("ndiaye", "N'DIAYE Aïssatou"),
        ("n'diaye", "N'DIAYE Aïssatou"),
        ("diaye", "N'DIAYE Aïssatou"),
        ("aissatou", "N'DIAYE Aïssatou"),
        ("kev", "KONÉ Kévin"),
        ("kone", "KONÉ Kévin"),
        ("jean-pierre", "MARTIN Jean-Pierre"),
        ("jeanpierre", "MARTIN Jean-Pierre"),
        ("pierre mart", "MARTIN Jean-Pierre"),
        ("loeuvre e", "LŒUVRE Éloïse"),  # a short word after a longer one: read per candidate
        ("diaye ai", "N'DIAYE Aïssatou"),
        ("kone k", "KONÉ Kévin"),
    ],
)
def test_search_by_name_ignores_accents_and_case(site: TestSite, query: str, expected: str) -> None:
    assert names(site.services.youths.search(query)) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0612345678", "LŒUVRE Éloïse"),
        ("06 12 34 56 78", "LŒUVRE Éloïse"),
        ("06.12.34", "LŒUVRE Éloïse"),  # prefix of the number
        ("+33 6 12 34 56 78", "LŒUVRE Éloïse"),
        ("+33612345678", "LŒUVRE Éloïse"),
        ("6 12 34 56 78", "LŒUVRE Éloïse"),  # as typed after +33
        ("0698765432", "MARTIN Jean-Pierre"),  # stored from "+33 6 98 76 54 32"
        ("07-65-43", "N'DIAYE Aïssatou"),
        ("1234567", "LŒUVRE Éloïse"),  # external id (i-milo)
        ("12345", "LŒUVRE Éloïse"),
    ],
)
def test_search_by_phone_and_external_id(site: TestSite, query: str, expected: str) -> None:
    assert names(site.services.youths.search(query)) == [expected]


def test_search_an_overseas_number_as_typed(site: TestSite) -> None:
    site.services.youths.add(
        actor=site.receptionist,
        draft=YouthDraft(first_name="Noé", last_name="Payet", phone="+262 692 12 34 56"),
    )
    for query in ("+262 692 12 34 56", "+262692123456", "262 692 12", "+262 692"):
        assert names(site.services.youths.search(query)) == ["PAYET Noé"], query


@pytest.mark.parametrize("query", ["", "   ", "zzz", "eloise kone", "eloise k", "0799", "-"])
def test_search_without_match(site: TestSite, query: str) -> None:
    assert site.services.youths.search(query) == []


def test_best_matches_first_and_limit(site: TestSite) -> None:
    add = site.services.youths.add
    for first, last in (("Martine", "Dubois"), ("Léa", "Martinez"), ("Hugo", "Martin")):
        add(actor=site.receptionist, draft=YouthDraft(first_name=first, last_name=last))
    found = names(site.services.youths.search("martin"))
    # exact word first (sorted by name), then last names starting so, then first names
    assert found == ["MARTIN Hugo", "MARTIN Jean-Pierre", "MARTINEZ Léa", "DUBOIS Martine"]
    assert names(site.services.youths.search("martin", limit=2)) == ["MARTIN Hugo", "MARTIN Jean-Pierre"]
    assert names(site.services.youths.search("martin hu")) == ["MARTIN Hugo"]


def test_several_words_read_per_candidate_leave_deleted_youths_out(site: TestSite) -> None:
    """The words after the first are read for the list of candidates (on SQLite straight from the
    driver): short and long words, and a deleted youth neither shown nor counted."""
    add = site.services.youths.add
    hugo = add(actor=site.receptionist, draft=YouthDraft(first_name="Hugo", last_name="Martin"))
    add(actor=site.receptionist, draft=YouthDraft(first_name="Hubert", last_name="Martin"))
    yv = site.services.youths
    assert names(yv.search("martin hu")) == ["MARTIN Hubert", "MARTIN Hugo"]
    assert names(yv.search("martin hugo")) == ["MARTIN Hugo"]
    assert names(yv.search("jean martin p")) == ["MARTIN Jean-Pierre"]
    with site.services.ctx.write() as s:  # deleted as every deletion does it (merge, erasure, sync)
        row = s.get(Youth, hugo.youth.id)
        assert row is not None
        row.deleted = True
        reindex(s, [row])
    assert names(yv.search("martin hu")) == ["MARTIN Hubert"]
    assert yv.matches("martin hu").total == 1
    assert yv.search("martin hugo") == []


def test_the_first_word_read_on_the_driver_finds_what_sqlalchemy_finds(
    site: TestSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first word of a search is read on SQLite's driver (`storage.search_reads`): the same youths,
    ranks and counts as SQLAlchemy's statement, one word or several, a deleted youth left out."""
    from mlplanner.services.youths import service

    add = site.services.youths.add
    for first, last in (("Hugo", "Martin"), ("Hubert", "Martin"), ("Martine", "Hugon"), ("Léa", "Diallo")):
        add(actor=site.receptionist, draft=YouthDraft(first_name=first, last_name=last))
    gone = add(actor=site.receptionist, draft=YouthDraft(first_name="Hu", last_name="Martinez")).youth.id
    with site.services.ctx.write() as s:  # deleted as every deletion does it (merge, erasure, sync)
        row = s.get(Youth, gone)
        assert row is not None
        row.deleted = True
        reindex(s, [row])
    yv = site.services.youths
    queries = ["m", "ma", "martin", "martin hu", "hu", "hugo", "hu martin", "d", "dia le", "zzz", "06"]

    def read() -> list[tuple[list[str], int]]:
        return [(names(yv.matches(q).youths), yv.matches(q).total) for q in queries]

    on_driver = read()
    assert on_driver[2][1] == 4  # « martin »: Jean-Pierre, Hugo, Hubert, Martine (the deleted one left out)
    monkeypatch.setattr(service, "sqlite_word_tokens", lambda *a, **k: None)
    assert read() == on_driver


def test_search_reflects_updates(site: TestSite) -> None:
    y = site.youths["kevin"]
    site.services.youths.update(
        actor=site.receptionist,
        youth_id=y.id,
        draft=YouthDraft(first_name="Kévin", last_name="Koné-Traoré", phone="07 11 22 33 44"),
    )
    assert names(site.services.youths.search("traore")) == ["KONÉ-TRAORÉ Kévin"]
    assert names(site.services.youths.search("0711")) == ["KONÉ-TRAORÉ Kévin"]


# --- duplicates --------------------------------------------------------------------------------------
def youth_count(t: TestSite) -> int:
    with t.services.ctx.read() as s:
        return s.exec(select(func.count()).select_from(Youth)).scalar_one()


@pytest.mark.parametrize(
    "draft",
    [
        YouthDraft(first_name="ELOISE", last_name="LOEUVRE", birth_date=date(2005, 4, 12)),
        YouthDraft(first_name=" Éloïse ", last_name="Lœuvre ", birth_date=date(2005, 4, 12)),
        YouthDraft(first_name="Lou", last_name="Bernard", phone="+33 6 12 34 56 78"),
        YouthDraft(first_name="Lou", last_name="Bernard", phone="06.12.34.56.78"),
        YouthDraft(first_name="Lou", last_name="Bernard", external_id="1234567"),
    ],
)
def test_likely_duplicate_is_refused_unless_confirmed(site: TestSite, draft: YouthDraft) -> None:
    n = youth_count(site)
    assert names(site.services.youths.likely_duplicates(draft)) == ["LŒUVRE Éloïse"]
    with pytest.raises(RuleViolation) as err:
        site.services.youths.add(actor=site.receptionist, draft=draft)
    assert err.value.code == "likely_duplicate"
    assert "LŒUVRE Éloïse" in err.value.message and "existe probablement déjà" in err.value.message
    assert err.value.details["duplicates"] == [site.youths["eloise"].id]
    assert youth_count(site) == n
    site.services.youths.add(actor=site.receptionist, draft=draft, confirm_duplicate=True)
    assert youth_count(site) == n + 1


def test_same_name_other_birth_date_is_no_duplicate(site: TestSite) -> None:
    draft = YouthDraft(first_name="Éloïse", last_name="Lœuvre", birth_date=date(2006, 4, 12))
    assert site.services.youths.likely_duplicates(draft) == []
    assert site.services.youths.add(actor=site.receptionist, draft=draft).youth.birth_date == date(
        2006, 4, 12
    )


@pytest.mark.parametrize(
    "field",
    [
        {"external_id": "185057800608436"},
        {"external_id": "2 85 05 78 006 084"},
        {"phone": "1 85 05 78 006 084 36"},
        {"last_name": "1850578006084"},
        {"email": "185057800608436"},
    ],
)
def test_social_security_number_is_never_stored(site: TestSite, field: dict) -> None:
    n = youth_count(site)
    draft = YouthDraft(**({"first_name": "Lou", "last_name": "Bernard"} | field))
    with pytest.raises(InputError) as err:
        site.services.youths.add(actor=site.receptionist, draft=draft)
    assert err.value.code in ("nir_refused", "bad_name")
    assert "sécurité sociale" in err.value.message or "numéro" in err.value.message
    with pytest.raises(InputError):
        site.services.youths.update(actor=site.receptionist, youth_id=site.youths["kevin"].id, draft=draft)
    assert youth_count(site) == n
    assert site.services.youths.get(site.youths["kevin"].id).last_name == "Koné"


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ({"first_name": ""}, "empty_name"),
        ({"phone": "12"}, "bad_phone"),
        ({"email": "lou@"}, "bad_email"),
        ({"birth_date": date(2030, 1, 1)}, "bad_birth_date"),
        ({"external_id": "12/34"}, "bad_external_id"),
        ({"referent": "Personne"}, "unknown_staff"),
        ({"programme_start": date(2026, 3, 1), "programme_end": date(2026, 2, 1)}, "end_before_start"),
    ],
)
def test_bad_youth_input(site: TestSite, field: dict, code: str) -> None:
    n = youth_count(site)
    with pytest.raises(InputError) as err:
        site.services.youths.add(
            actor=site.receptionist,
            draft=YouthDraft(**({"first_name": "Lou", "last_name": "Bernard"} | field)),
        )
    assert err.value.code == code
    assert youth_count(site) == n


def test_a_pasted_page_as_e_mail_is_refused_in_a_short_sentence(site: TestSite) -> None:
    """The refusal quotes what was typed; ten thousand characters pasted by mistake made a sentence
    ten thousand characters long (a dialog as wide as the text, a log line of a page)."""
    with pytest.raises(InputError) as err:
        site.services.youths.add(
            actor=site.receptionist,
            draft=YouthDraft(first_name="Lou", last_name="Bernard", email="lou " * 2500),
        )
    assert err.value.code in ("bad_email", "too_long")
    assert len(err.value.message) < 120 and len(str(err.value.details.get("value", ""))) <= 60


# --- merge -----------------------------------------------------------------------------------------------------
def test_merge_moves_appointments_and_is_audited(site: TestSite) -> None:
    yv = site.services.youths
    dup = yv.add(
        actor=site.receptionist,
        draft=YouthDraft(first_name="Kevin", last_name="Kone", phone="06 55 44 33 22", external_id="7654321"),
    ).youth
    a1 = site.book("kevin", "2026-01-06 10:00")
    a2 = site.services.booking.book(
        actor=site.receptionist, youth_id=dup.id, type_code="SUIVI", start=wall("2026-01-07 10:00")
    ).appointment
    with pytest.raises(PermissionDenied):
        yv.merge(actor=site.receptionist, keep_id=site.youths["kevin"].id, drop_id=dup.id)
    kept = yv.merge(actor=site.lead, keep_id=site.youths["kevin"].id, drop_id=dup.id).youth
    assert kept.id == site.youths["kevin"].id
    assert kept.phone == "06 55 44 33 22" and kept.external_id == "7654321"  # filled from the other record
    history = site.services.booking.youth_history(kept.id)
    assert {a.id for a in history} == {a1.id, a2.id}
    assert all(a.youth_name == "KONÉ Kévin" for a in history)
    with pytest.raises(NotFound):
        yv.get(dup.id)
    assert names(yv.search("0655")) == ["KONÉ Kévin"]  # the kept record, found by the merged phone
    assert names(yv.search("kone")) == ["KONÉ Kévin"]
    with site.services.ctx.read() as s:
        dropped = s.get(Youth, dup.id)
        assert dropped.deleted and dropped.merged_into_id == kept.id
        assert (
            s.exec(
                select(func.count()).select_from(Appointment).where(Appointment.youth_id == dup.id)
            ).scalar_one()
            == 0
        )
        (entry,) = s.exec(select(AuditEntry).where(AuditEntry.action == "merge")).scalars()
    assert entry.actor_id == site.lead.id and entry.entity_id == kept.id
    after = json.loads(entry.after)
    assert after["merged"] == dup.id and sorted(after["appointments_moved"]) == [a2.id]
    assert json.loads(entry.before)["drop"]["phone"] == "06 55 44 33 22"


def test_merge_refuses_same_or_unknown_records(site: TestSite) -> None:
    yv = site.services.youths
    with pytest.raises(InputError):
        yv.merge(actor=site.lead, keep_id=site.youths["kevin"].id, drop_id=site.youths["kevin"].id)
    with pytest.raises(NotFound):
        yv.merge(actor=site.lead, keep_id=site.youths["kevin"].id, drop_id="nobody")


def test_merge_never_leaves_the_youth_double_booked(site: TestSite) -> None:
    yv = site.services.youths
    dup = yv.add(actor=site.receptionist, draft=YouthDraft(first_name="Kevin", last_name="Kone")).youth
    a1 = site.book("kevin", "2026-01-06 10:00")
    a2 = site.services.booking.book(
        actor=site.receptionist,
        youth_id=dup.id,
        type_code="SUIVI",
        start=wall("2026-01-06 10:15"),
        counsellor="Diallo",
    ).appointment
    with pytest.raises(RuleViolation) as err:
        yv.merge(actor=site.lead, keep_id=site.youths["kevin"].id, drop_id=dup.id)
    assert err.value.code == "merge_overlap"
    assert "06/01/2026" in err.value.message and "10:15" in err.value.message
    assert yv.get(dup.id).id == dup.id  # nothing changed
    site.services.appointments.cancel(actor=site.receptionist, appointment_id=a2.id, by_youth=True)
    yv.merge(actor=site.lead, keep_id=site.youths["kevin"].id, drop_id=dup.id)
    assert {a.id for a in site.services.booking.youth_history(site.youths["kevin"].id)} == {a1.id, a2.id}
