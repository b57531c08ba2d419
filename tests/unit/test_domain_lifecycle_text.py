"""Pure domain rules: the appointment lifecycle and the text helpers behind youth search."""

from __future__ import annotations

import itertools

import pytest

from mlplanner.domain.enums import Status
from mlplanner.domain.errors import InputError, RuleViolation
from mlplanner.domain.lifecycle import ALLOWED, OUTCOMES, check_transition, is_to_fill_in
from mlplanner.domain.text import (
    clean_name,
    fold,
    looks_like_social_security_number,
    normalize_phone,
    search_tokens,
)

S = Status
LEGAL = [
    (S.BOOKED, S.ARRIVED),
    (S.BOOKED, S.NO_SHOW),
    (S.BOOKED, S.EXCUSED),
    (S.BOOKED, S.CANCELLED_BY_YOUTH),
    (S.BOOKED, S.CANCELLED_BY_ML),
    (S.ARRIVED, S.SEEN),
    (S.ARRIVED, S.NO_SHOW),
    (S.ARRIVED, S.BOOKED),  # checked in by mistake
    (S.SEEN, S.NO_SHOW),  # outcome corrected
    (S.NO_SHOW, S.SEEN),
    (S.EXCUSED, S.NO_SHOW),
]
ILLEGAL = [
    (S.CANCELLED_BY_YOUTH, S.BOOKED),  # a cancellation is final: book again
    (S.CANCELLED_BY_ML, S.ARRIVED),
    (S.CANCELLED_BY_YOUTH, S.SEEN),
    (S.SEEN, S.CANCELLED_BY_ML),  # a seen appointment cannot be cancelled
    (S.NO_SHOW, S.CANCELLED_BY_YOUTH),
    (S.ARRIVED, S.CANCELLED_BY_YOUTH),
    (S.ARRIVED, S.EXCUSED),
    (S.SEEN, S.BOOKED),
]


@pytest.mark.parametrize(("current", "new"), LEGAL)
def test_legal_transitions(current: Status, new: Status) -> None:
    check_transition(current, new)


@pytest.mark.parametrize(("current", "new"), ILLEGAL)
def test_illegal_transitions_are_refused_in_french(current: Status, new: Status) -> None:
    with pytest.raises(RuleViolation) as err:
        check_transition(current, new)
    assert err.value.code == "illegal_transition"
    assert err.value.message.startswith("Impossible de passer un rendez-vous « ")


@pytest.mark.parametrize("status", list(Status))
def test_same_status_is_refused(status: Status) -> None:
    with pytest.raises(RuleViolation, match="déjà"):
        check_transition(status, status)


def test_cancelled_is_final_and_table_is_complete() -> None:
    assert set(ALLOWED) == set(Status)
    for current, new in itertools.product([S.CANCELLED_BY_ML, S.CANCELLED_BY_YOUTH], Status):
        assert new not in ALLOWED[current]
    assert {S.SEEN, S.NO_SHOW, S.EXCUSED} == OUTCOMES


@pytest.mark.parametrize(
    ("status", "past", "expected"),
    [
        (S.BOOKED, True, True),
        (S.ARRIVED, True, True),
        (S.BOOKED, False, False),
        (S.SEEN, True, False),
        (S.NO_SHOW, True, False),
        (S.CANCELLED_BY_YOUTH, True, False),
    ],
)
def test_to_fill_in(status: Status, past: bool, expected: bool) -> None:
    assert is_to_fill_in(status, past) is expected


# --- text ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Éloïse", "eloise"),
        ("LŒUVRE", "loeuvre"),
        ("Lœuvre", "loeuvre"),
        ("N'Diaye", "n'diaye"),
        ("Maëlle Keïta", "maelle keita"),
        ("Æsa", "aesa"),
        ("Straße", "strasse"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_search_tokens_split_and_join_compound_names() -> None:
    assert search_tokens("N'Diaye", "Jean-Pierre") == ["n", "diaye", "ndiaye", "jean", "pierre", "jeanpierre"]
    assert search_tokens("Da Silva") == ["da", "silva", "dasilva"]
    assert search_tokens(None, "", "Léa") == ["lea"]


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("0612345678", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33612345678", "06 12 34 56 78"),
        ("+262 692 12 34 56", "+262692123456"),
        ("", ""),
    ],
)
def test_normalize_phone(raw: str, normal: str) -> None:
    assert normalize_phone(raw) == normal


@pytest.mark.parametrize("raw", ["12 34", "06 12 34 56", "téléphone"])
def test_bad_phone_is_refused(raw: str) -> None:
    with pytest.raises(InputError, match="Numéro de téléphone invalide"):
        normalize_phone(raw)


@pytest.mark.parametrize(
    "nir",
    [
        "1 85 05 78 006 084 36",
        "185057800608436",
        "2850578006084",
        "2 91 12 2A 123 456 78",
        "1.85.05.78.006.084",
    ],
)
def test_social_security_numbers_are_recognised(nir: str) -> None:
    assert looks_like_social_security_number(nir)


@pytest.mark.parametrize("text", ["06 12 34 56 78", "1234567", "12345678", "Éloïse", "", "0185057800608436"])
def test_other_numbers_are_not_taken_for_a_nir(text: str) -> None:
    assert not looks_like_social_security_number(text)


def test_clean_name() -> None:
    assert clean_name("  Jean   Pierre ", "prénom") == "Jean Pierre"
    with pytest.raises(InputError, match="obligatoire"):
        clean_name("  ", "nom")
    with pytest.raises(InputError, match="numéro"):
        clean_name("185057800608436", "nom")


@pytest.mark.parametrize(
    "written",
    [
        "1_85_05_78_006_084_36",
        "1/85/05/78/006/084/36",
        "+1 85 05 78 006 084 36",
        "１８５０５７８００６０８４３６",  # full-width digits
        "1850578006084 36X",  # a trailing letter
        "1 85 05 2A 006 084 36",
    ],
)
def test_a_social_security_number_is_recognised_however_it_is_written(written: str) -> None:
    """Issue 14: separators, prefixes, full-width digits and a trailing letter defeated the refusal."""
    from mlplanner.domain.text import looks_like_social_security_number

    assert looks_like_social_security_number(written)


@pytest.mark.parametrize("text", ["Élodie Carpentier", "06 12 34 56 78", "+33 6 12 34 56 78", "00123451", ""])
def test_ordinary_text_is_not_taken_for_a_social_security_number(text: str) -> None:
    from mlplanner.domain.text import looks_like_social_security_number

    assert not looks_like_social_security_number(text)
