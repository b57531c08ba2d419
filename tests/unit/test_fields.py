"""Every text field people type or import: one bound and one character class (`domain.fields`), the same
at every door (services, CLI, imports, settings), and the same as the database schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Text, func, select
from sqlmodel import SQLModel

from mlplanner.domain import fields
from mlplanner.domain.errors import InputError
from mlplanner.domain.limits import FREE_TEXT_MAX
from mlplanner.domain.text import normalize_phone
from mlplanner.services.youths.service import YouthDraft
from mlplanner.storage.tables import Youth
from support import FIELD_REFUSALS

if TYPE_CHECKING:
    from support import TestSite

# what a hostile paste or a broken file brings
NASTY = [
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\u200f",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\x7f",
    "\x85",
    "\U0010ffff",
]


def test_every_field_matches_its_column_in_the_schema() -> None:
    from mlplanner.services.container import Services  # noqa: F401  (imports every table module)

    tables = SQLModel.metadata.tables
    for (table, column), spec in fields.FIELDS.items():
        col = tables[table].columns[column]
        if isinstance(col.type, Text):
            assert spec.max_len <= FREE_TEXT_MAX, (table, column)
        else:
            length = getattr(col.type, "length", None)  # sqlmodel's AutoString is a String decorator
            assert length is not None, (table, column)
            assert spec.max_len == length, (table, column, spec.max_len, length)


@pytest.mark.parametrize("bad", NASTY)
def test_invisible_and_control_characters_are_refused_in_every_kind(bad: str) -> None:
    for spec in {*fields.FIELDS.values(), fields.SETTING_TEXT}:
        with pytest.raises(InputError) as err:
            spec.clean(f"Ab{bad}cd")
        assert err.value.code == "bad_character"
        assert spec.label in err.value.message and "U+" in err.value.message


def test_names_keep_accents_apostrophes_hyphens_and_lose_paste_debris() -> None:
    assert fields.LAST_NAME.clean("  N\u2019Diaye-Lœuvre  ") == "N\u2019Diaye-Lœuvre"
    assert fields.FIRST_NAME.clean("E\u0301loi\u0308se") == "Éloïse"  # composed (NFC)
    assert fields.FIRST_NAME.clean("\ufeffJean\u200b-Pierre\n") == "Jean-Pierre"
    assert fields.LAST_NAME.clean("Aubry (CPAM)") == "Aubry (CPAM)"
    assert fields.LAST_NAME.clean("O'Brien St. John") == "O'Brien St. John"
    for odd in ("Léa3", "=HYPERLINK(1)", "a@b", "Zoé_", "<b>"):
        with pytest.raises(InputError) as err:
            fields.FIRST_NAME.clean(odd)
        assert err.value.code == "bad_name_character"
    # a staff account may be a shared desk's: digits allowed, formulas and odd signs still not
    assert fields.STAFF_LAST_NAME.clean("Accueil 2") == "Accueil 2"
    with pytest.raises(InputError):
        fields.STAFF_LAST_NAME.clean("=HYPERLINK(1)")


def test_bounds_and_classes() -> None:
    with pytest.raises(InputError) as err:
        fields.EMAIL.clean("a" * 10_000 + "@x.fr")
    assert err.value.code == "too_long" and "200 au plus" in err.value.message
    assert fields.CANCEL_REASON.clean("a\r\nb\tc") == "a b c"  # one line
    assert fields.NOTE.clean("ligne 1\r\nligne 2\t!  \n") == "ligne 1\nligne 2\t!"
    for phone in (
        "+33 6 00 12 34 56 78 90",
        "060012345678901",
        "+44 12 34 56 78 90 12 34",
    ):  # 15, 15, 16 digits
        with pytest.raises(InputError, match="téléphone invalide"):
            normalize_phone(phone)
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"  # a foreign number, E.164 kept
    for spec, bad in ((fields.FILE_NUMBER, "12-34"), (fields.PHONE, "06 12 a"), (fields.TYPE_CODE, "A B")):
        with pytest.raises(InputError):
            spec.clean(bad)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(codec=None), max_size=120),
    which=st.sampled_from(sorted(set(fields.FIELDS.values()), key=str)),
)
def test_clean_either_refuses_or_gives_a_clean_bounded_value(text: str, which: fields.TextField) -> None:
    try:
        value = which.clean(text)
    except InputError as exc:
        assert exc.message.startswith(which.label)
        return
    assert len(value) <= which.max_len
    assert fields.forbidden_character(value) is None
    assert value == which.clean(value)  # cleaning is stable


# --- the services refuse, and change nothing -----------------------------------------------------


def _youths(site: TestSite) -> int:
    with site.services.ctx.read() as s:
        return int(s.execute(select(func.count()).select_from(Youth)).scalar_one())


def test_a_refused_field_changes_nothing_on_both_engines(site: TestSite) -> None:
    before = _youths(site)
    youths = site.services.youths
    for draft in (
        YouthDraft(first_name="Lou\u202e", last_name="Bernard"),
        YouthDraft(first_name="Lou", last_name="Bern\x00ard"),
        YouthDraft(first_name="Lou", last_name="Bernard", email="x" * 10_000 + "@a.fr"),
        YouthDraft(first_name="Lou", last_name="Bernard", external_id="9" * 41),
    ):
        with pytest.raises(InputError):
            youths.add(actor=site.receptionist, draft=draft)
    assert _youths(site) == before
    made = youths.add(
        actor=site.receptionist, draft=YouthDraft(first_name="\ufeffLou ", last_name="Bernard\u200b")
    )
    assert (made.youth.first_name, made.youth.last_name) == ("Lou", "Bernard")


def test_the_write_guard_checks_fields_the_use_case_does_not(site: TestSite) -> None:
    """A cancel reason, a room name, a printed setting: the write transaction checks them all."""
    sv = site.services
    with pytest.raises(InputError) as err:
        sv.printing.set_setting(actor=site.admin, key="print.funding_note", value="Financé\u202e par")
    assert err.value.code == "bad_character"
    sv.printing.set_setting(actor=site.admin, key="print.funding_note", value="Financé\r\npar le FSE+  ")
    assert sv.printing.settings().funding_note == "Financé\npar le FSE+"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.text(max_size=100), email=st.text(max_size=60), ext=st.text(max_size=50))
@pytest.mark.sqlite_only
def test_youth_add_with_random_text_stores_clean_text_or_refuses(
    site: TestSite, first: str, email: str, ext: str
) -> None:
    before = _youths(site)
    try:
        made = site.services.youths.add(
            actor=site.receptionist,
            draft=YouthDraft(first_name=first, last_name="Essai", email=email, external_id=ext),
            confirm_duplicate=True,
        )
    except InputError:
        assert _youths(site) == before
        return
    y = made.youth
    assert y.first_name == fields.FIRST_NAME.clean(y.first_name)
    assert y.email == fields.EMAIL.clean(y.email) and y.external_id == fields.FILE_NUMBER.clean(y.external_id)


@pytest.mark.parametrize("case", sorted(FIELD_REFUSALS))
def test_the_service_refuses_each_field_in_the_words_the_cli_and_the_form_show(
    site: TestSite, case: str
) -> None:
    field, text, sentence = FIELD_REFUSALS[case]
    before = _youths(site)
    values = {"first_name": "Lou", "last_name": "Bernard"} | {field: text}
    with pytest.raises(InputError) as err:
        site.services.youths.add(actor=site.receptionist, draft=YouthDraft(**values))
    assert err.value.message == sentence
    assert _youths(site) == before
