"""Staff on day one: `mlplanner staff import FILE [--dry-run]` from the spreadsheets people have, with a
preview, roles, weekly patterns and one-time PINs to change at the first login.

tests/data/staff-libreoffice.{xlsx,csv} were saved by LibreOffice Calc in French (tests/data/README.md).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mlplanner.cli.main import main
from mlplanner.domain.clock import FixedClock
from mlplanner.domain.enums import Role
from mlplanner.domain.errors import InputError, PermissionDenied, RuleViolation
from mlplanner.domain.hours import WeeklyHours
from mlplanner.services.container import Services
from mlplanner.services.context import Actor
from mlplanner.services.directory.setup import NewSite

DATA = Path(__file__).resolve().parents[1] / "data"
PIN = "482915"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("MLPLANNER_NOW", "2027-03-01T08:30")
    path = tmp_path / "site.sqlite3"
    sv = Services.open(path, clock=FixedClock(datetime(2027, 3, 1, 7, 0, tzinfo=UTC)))
    sv.site_setup.create(
        NewSite(
            code="STPIERRE",
            name="Site Saint-Pierre",
            organisation="Mission Locale Sud",
            timezone="Indian/Reunion",
            holidays="974",
            admin_first_name="Awa",
            admin_last_name="Diop",
            admin_pin=PIN,
        )
    )
    sv.close()
    return path


def admin(sv: Services) -> Actor:
    (a,) = sv.directory.staff(role=Role.ADMIN)
    return Actor(id=a.id, name=a.display_name, role=Role.ADMIN)


@pytest.mark.parametrize("name", ["staff-libreoffice.xlsx", "staff-libreoffice.csv"])
def test_a_staff_list_saved_by_libreoffice(db: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    path = DATA / name
    assert main(["staff", "import", str(path), "--dry-run", "--db", str(db)]) == 0
    preview = capsys.readouterr().out
    assert "Aperçu (rien n'a été enregistré)" in preview
    assert "ligne 7 : erreur — NATIVEL Yann" in preview and "Rôle inconnu" in preview
    assert "ligne 8 : doublon dans le fichier — PAYET Lina" in preview
    assert "ligne 9 : erreur — FONTAINE Lucas" in preview  # 14h-12h ends before it starts
    sv = Services.open(db)
    try:
        assert len(sv.directory.staff(include_inactive=True)) == 1  # the dry run wrote nothing
    finally:
        sv.close()

    assert main(["staff", "import", str(path), "--db", str(db), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    nativel = next(x for x in result["lines"] if x["name"] == "NATIVEL Yann")
    assert nativel["remarks"] == [{"code": "bad_role", "message": nativel["message"]}]  # codes for scripts
    accounts = {a["name"]: a for a in result["accounts"]}
    assert set(accounts) == {"Lina Payet", "Jean-Marc Hoarau", "Sophie Grondin", "Paul Técher", "Marie Boyer"}
    assert accounts["Marie Boyer"]["one_time_pin"] == ""  # a partner holds a desk, without an account
    pins = {n: a["one_time_pin"] for n, a in accounts.items() if a["one_time_pin"]}
    assert all(len(p) == 8 and p.isdigit() for p in pins.values()) and len(set(pins.values())) == 4

    sv = Services.open(db, clock=FixedClock(datetime(2027, 3, 1, 7, 0, tzinfo=UTC)))
    try:
        people = {s.display_name: s for s in sv.directory.staff()}
        lina, jm = people["Lina Payet"], people["Jean-Marc Hoarau"]
        assert (lina.role, people["Sophie Grondin"].role, people["Paul Técher"].role) == (
            Role.COUNSELLOR,
            Role.RECEPTIONIST,
            Role.SITE_LEAD,
        )
        assert people["Marie Boyer"].role is Role.PARTNER and not people["Marie Boyer"].can_log_in
        rooms = {r.id: r.name for r in sv.directory.rooms()}
        assert rooms[lina.default_room_id] == "Bureau 1"
        week = WeeklyHours.from_json(jm.working_pattern_json).to_mapping()
        assert week == {
            "0": [["09:00", "12:30"], ["13:30", "17:00"]],
            "1": [["09:00", "12:30"]],
            "3": [["09:00", "12:30"], ["13:30", "17:00"]],
            "4": [["09:00", "12:30"], ["13:30", "17:30"]],  # "journée": the site's hours
        }
        assert WeeklyHours.from_json(lina.working_pattern_json).to_mapping()["4"] == [
            ["09:00", "12:30"]
        ]  # matin
        # the one-time PIN works once, then the person must choose their own
        actor = sv.directory.login(staff_id=lina.id, secret=pins["Lina Payet"])
        assert sv.directory.pin_change_required(lina.id)
        with pytest.raises(InputError, match="différent du code provisoire"):
            sv.directory.set_secret(actor=actor, staff_id=lina.id, secret=pins["Lina Payet"])
        sv.directory.set_secret(actor=actor, staff_id=lina.id, secret="705318")
        assert not sv.directory.pin_change_required(lina.id)
        with pytest.raises(RuleViolation):
            sv.directory.login(staff_id=lina.id, secret=pins["Lina Payet"])
        assert sv.directory.login(staff_id=lina.id, secret="705318").id == lina.id
        entries = sv.audit_log.entries(actor=admin(sv), action="import").rows
        assert len(entries) == 1
    finally:
        sv.close()

    # importing the same list again adds nobody
    assert main(["staff", "import", str(path), "--db", str(db)]) == 0
    again = capsys.readouterr().out
    assert "0 personne(s) ajoutée(s)" in again and "déjà présent" in again


def test_only_an_administrator_imports_staff(db: Path) -> None:
    sv = Services.open(db)
    try:
        lead = sv.directory.add_staff(
            actor=admin(sv), first_name="Léon", last_name="Marchal", role=Role.SITE_LEAD
        )
        with pytest.raises(PermissionDenied):
            sv.staff_import.import_staff(
                actor=Actor(id=lead.id, name=lead.display_name, role=Role.SITE_LEAD),
                path=DATA / "staff-libreoffice.csv",
            )
    finally:
        sv.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Nom;Prénom\nDurand;Léo\n", "Colonnes introuvables : rôle"),
        ("Nom;Prénom;Rôle;Lundi\nDurand;Léo;conseiller;9h à midi\n", "horaires illisibles"),
    ],
)
def test_unusable_staff_files(db: Path, text: str, message: str) -> None:
    sv = Services.open(db)
    try:
        if "Colonnes" in message:
            with pytest.raises(InputError, match=message):
                sv.staff_import.import_staff(actor=admin(sv), data=text.encode(), dry_run=True)
        else:
            result = sv.staff_import.import_staff(actor=admin(sv), data=text.encode(), dry_run=True)
            (line,) = result.lines
            assert line.action == "error" and line.name == "DURAND Léo" and message in line.message
    finally:
        sv.close()


def test_reset_pin_gives_a_one_time_code_and_unlocks(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sv = Services.open(db)
    try:
        karima = sv.directory.add_staff(
            actor=admin(sv), first_name="Karima", last_name="Haddou", role=Role.RECEPTIONIST, secret="305817"
        )
        for _ in range(3):
            with pytest.raises(RuleViolation):
                sv.directory.login(staff_id=karima.id, secret="999990")
        assert sv.directory.lock_state(karima.id).locked_until is not None
    finally:
        sv.close()
    # a person answers for a PIN handed out: not the system account (README, "CLI")
    assert main(["staff", "reset-pin", "Karima Haddou", "--db", str(db), "--json"]) == 3
    assert "au nom d'une personne" in capsys.readouterr().err
    monkeypatch.setenv("MLPLANNER_PIN", PIN)
    assert main(["staff", "reset-pin", "Karima Haddou", "--db", str(db), "--json", "--as", "Awa Diop"]) == 0
    pin = json.loads(capsys.readouterr().out)["one_time_pin"]
    sv = Services.open(db)
    try:
        assert sv.directory.lock_state(karima.id).locked_until is None
        sv.directory.login(staff_id=karima.id, secret=pin)
        assert sv.directory.pin_change_required(karima.id)
        actions = [e.action for e in sv.audit_log.entries(actor=admin(sv)).rows]
        assert {"lock", "reset_pin"} <= set(actions)
    finally:
        sv.close()


def test_a_file_far_too_long_for_a_staff_list_is_refused_at_once(db: Path) -> None:
    """Each new account costs a PIN hash (~50 ms): a wrong file of thousands of lines is refused, not
    ground through for minutes."""
    text = "Nom;Prénom;Rôle\n" + "".join(f"Nom{i};Prénom{i};conseiller\n" for i in range(501))
    sv = Services.open(db)
    try:
        with pytest.raises(InputError, match="501 lignes"):
            sv.staff_import.import_staff(actor=admin(sv), data=text.encode(), dry_run=True)
    finally:
        sv.close()


def test_files_that_cannot_be_read_are_said_in_french(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found by feeding odd files: a folder or a missing file was said in the system's English ("Is a
    directory"), and a list with only its header printed an empty preview."""
    folder = tmp_path / "un dossier"
    folder.mkdir()
    for target, words in ((folder, "c'est un dossier"), (tmp_path / "absent.csv", "introuvable")):
        assert main(["staff", "import", "--db", str(db), str(target), "--dry-run"]) == 2
        err = capsys.readouterr().err
        assert words in err and "directory" not in err and "No such" not in err
    header_only = tmp_path / "vide.csv"
    header_only.write_text("Nom;Prénom;Rôle\n", encoding="utf-8")
    assert main(["staff", "import", "--db", str(db), str(header_only), "--dry-run"]) == 0
    assert "aucune personne dans le fichier" in capsys.readouterr().out


def test_a_line_with_an_over_long_or_badly_classed_field_is_refused_alone(db: Path) -> None:
    """A name or a room beyond its bound or with characters a name never holds: that line is an error
    with the field's French sentence; the other lines are imported (domain/fields.py)."""
    text = (
        "Nom;Prénom;Rôle;Bureau\n"
        "Martin;Claire;conseiller;\n"
        f"{'L' * 81};Paul;conseiller;\n"
        "Diop\u202e;Awa;accueil;\n"
        "Roux;=Léa;conseiller;\n"
        f"Blanc;Ana;conseiller;{'B' * 81}\n"
    )
    sv = Services.open(db)
    try:
        before = len(sv.directory.staff(include_inactive=True))
        result = sv.staff_import.import_staff(actor=admin(sv), data=text.encode())
        lines = {line.line: line for line in result.lines}
        assert [lines[n].action for n in range(2, 7)] == ["new", "error", "error", "error", "error"]
        assert lines[3].message == "Le nom est trop long (80 caractères au plus)."
        assert "U+202E" in lines[4].message and lines[4].message.startswith("Nom : caractère invisible")
        assert lines[5].message.startswith("Prénom : « = » refusé")
        assert lines[6].message == "Nom de la salle : 81 caractères, 80 au plus."
        assert len(sv.directory.staff(include_inactive=True)) == before + 1
    finally:
        sv.close()
