"""The youth-file reader: encodings, separators, header names, French dates, per-line problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mlplanner.domain.enums import Programme
from mlplanner.domain.errors import InputError
from mlplanner.sync.excel import excel_csv_bytes, neutralise
from mlplanner.sync.youth_import import header_key, read_youth_file

# A copy of the shared reference export (invented people), so a clone anywhere can run the tests.
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "youths-sample.csv"
TEXT = (
    "Prénom;NOM;Né(e) le;Tél portable;Courriel;Numéro de dossier;Référent;Dispositif;Colonne en trop\r\n"
    "Éloïse;Lœuvre;06/10/2005;0612345678;e@exemple.fr;123;Mme Ba;cej;x\r\n"
    "Zoé;Dupont;31/02/2004;;;;;;\r\n"
    ";;;;;;;;\r\n"
    "Jean;Martin;01/01/2003;;;;;Garantie jeunes;\r\n"
    "\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "sep", "bom"),
    [
        ("utf-8", ";", True),
        ("utf-8", ";", False),
        ("cp1252", ";", False),
        ("utf-8", ",", False),
        ("cp1252", ",", False),
    ],
)
def test_variants_read_alike(encoding: str, sep: str, bom: bool) -> None:
    data = TEXT.replace(";", sep).encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    f = read_youth_file(data)
    assert f.delimiter == sep
    assert f.encoding == {"utf-8": "utf-8-sig" if bom else "utf-8", "cp1252": "cp1252"}[encoding]
    (rec,) = f.records
    assert (rec.first_name, rec.last_name, rec.birth_date) == ("Éloïse", "Lœuvre", date(2005, 10, 6))
    assert (rec.phone, rec.email, rec.external_id, rec.referent) == (
        "06 12 34 56 78",
        "e@exemple.fr",
        "123",
        "Mme Ba",
    )
    assert rec.programme is Programme.CEJ
    assert [p.line for p in f.problems] == [3, 5]
    assert "n'existe pas" in f.problems[0].message and "Dispositif inconnu" in f.problems[1].message
    assert f.ignored_columns == ("Colonne en trop",)


def test_shared_sample() -> None:
    f = read_youth_file(SAMPLE.read_bytes())
    assert f.encoding == "utf-8-sig" and f.delimiter == ";"
    assert set(f.columns) == {
        "last_name",
        "first_name",
        "birth_date",
        "phone",
        "email",
        "external_id",
        "referent",
        "programme",
        "programme_start",
        "programme_end",
    }
    assert len(f.records) + len(f.problems) >= 25
    first = f.records[0]
    assert (first.last_name, first.first_name, first.external_id) == ("Girard", "Inès", "10007919")


def test_nir_and_missing_columns_refused() -> None:
    f = read_youth_file("Nom;Prénom;Téléphone\nDurand;Léo;1 85 05 78 006 084 36\n".encode())
    assert not f.records and "sécurité sociale" in f.problems[0].message
    with pytest.raises(InputError, match="Colonnes introuvables : prénom"):
        read_youth_file(b"Nom;Date\nDurand;01/01/2000\n")
    with pytest.raises(InputError, match="vide"):
        read_youth_file(b"\r\n")


def test_header_key() -> None:
    assert header_key("N° dossier i-milo") == "n dossier i milo"
    assert header_key("Date de naissance (jj/mm/aaaa)") == "date de naissance"


def test_excel_neutralises_formulas() -> None:
    for dangerous in ("=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("Éloïse") == "Éloïse"
    data = excel_csv_bytes(["Nom", "Date"], [['=HYPERLINK("http://x")', date(2027, 3, 1)], [None, 2.5]])
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://x"")";01/03/2027'
    assert lines[2] == ";2,5"
