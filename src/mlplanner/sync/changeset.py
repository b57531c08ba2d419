"""Change sets: what one site changed since its previous export, as one CSV per table plus a manifest.

Folder layout (decided here, documented in the README):

    <sync folder>/
      <SITE>/                 one folder per site, written only by that site (under its lock)
        sync.lock             present while that site syncs
        00000001/             change set n° 1 of SITE (sequence numbers start at 1, never reused)
          manifest.json       written last: site, seq, schema, created_at, per table: file, columns,
                              row count, sha256 of the file as stored
          youth.csv ...       `;`-separated, UTF-8 with BOM (opens in a French spreadsheet for audit)
        .tmp-00000002-1234/   a change set being written: ignored by readers, renamed when complete

A change set is written in a temporary folder (each file flushed to disk), then the folder is renamed:
readers see all of it or nothing. With a network passphrase, the CSVs are stored as Fernet tokens
(`youth.csv.fernet`) and the manifest's content is sealed too; only format, site and seq stay readable.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mlplanner.sync import crypto
from mlplanner.sync.errors import ChangeSetRefused
from mlplanner.sync.files import fsync_dir, sha256_bytes, write_synced

FORMAT = "mlplanner-changeset"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DELIMITER = ";"
_SEQ_DIR = re.compile(r"^\d{8}$")
SITE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


@dataclass(frozen=True)
class TableData:
    """One table's rows in text form (see `codec`), in the column order of `columns`."""

    name: str
    columns: tuple[str, ...]
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    columns: tuple[str, ...]
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    site: str
    seq: int
    schema: str
    created_at: str
    tables: tuple[TableEntry, ...]
    max_hlc: str = ""
    encrypted: bool = False

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "site": self.site,
            "seq": self.seq,
            "schema": self.schema,
            "created_at": self.created_at,
            "max_hlc": self.max_hlc,
            "encrypted": self.encrypted,
            "tables": [
                {
                    "name": t.name,
                    "file": t.file,
                    "columns": list(t.columns),
                    "rows": t.rows,
                    "sha256": t.sha256,
                }
                for t in self.tables
            ],
        }

    @staticmethod
    def from_json(data: dict) -> Manifest:
        return Manifest(
            site=str(data["site"]),
            seq=int(data["seq"]),
            schema=str(data["schema"]),
            created_at=str(data.get("created_at", "")),
            max_hlc=str(data.get("max_hlc", "")),
            encrypted=bool(data.get("encrypted", False)),
            tables=tuple(
                TableEntry(
                    str(t["name"]), str(t["file"]), tuple(t["columns"]), int(t["rows"]), str(t["sha256"])
                )
                for t in data["tables"]
            ),
        )


@dataclass(frozen=True)
class ChangeSetRef:
    """A change set found in the folder (not read yet)."""

    site: str
    seq: int
    path: Path

    @property
    def label(self) -> str:
        return f"lot n° {self.seq} du site {self.site}"


@dataclass(frozen=True)
class ChangeSet:
    manifest: Manifest
    tables: dict[str, TableData]

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())


# --- writing ----------------------------------------------------------------------------------------


def site_dir(folder: Path, site: str) -> Path:
    if not SITE_CODE.match(site):
        raise ValueError(f"bad site code {site!r}")
    return folder / site


def seq_dir_name(seq: int) -> str:
    return f"{seq:08d}"


def csv_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def write_change_set(
    folder: Path,
    *,
    site: str,
    seq: int,
    schema: str,
    created_at: str,
    tables: list[TableData],
    max_hlc: str = "",
    passphrase: str | None = None,
    salt: str | None = None,
) -> Path:
    """Write a change set atomically and return its folder. Raises OSError (disk full, read-only...)."""
    base = site_dir(folder, site)
    base.mkdir(exist_ok=True)
    final = base / seq_dir_name(seq)
    if final.exists():
        raise FileExistsError(final)
    tmp = base / f".tmp-{seq_dir_name(seq)}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        entries: list[TableEntry] = []
        salt = salt or crypto.new_salt()
        for table in tables:
            data = csv_bytes(table.columns, table.rows)
            name = f"{table.name}.csv"
            if passphrase:
                data, name = crypto.seal(data, passphrase, salt), name + ".fernet"
            write_synced(tmp / name, data)
            entries.append(TableEntry(table.name, name, table.columns, len(table.rows), sha256_bytes(data)))
        manifest = Manifest(site, seq, schema, created_at, tuple(entries), max_hlc, bool(passphrase))
        body = manifest.to_json()
        if passphrase:
            sealed = crypto.seal(json.dumps(body).encode("utf-8"), passphrase, salt).decode("ascii")
            body = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "site": site,
                "seq": seq,
                "encrypted": True,
                "kdf": {"name": crypto.KDF_NAME, "iterations": crypto.KDF_ITERATIONS, "salt": salt},
                "sealed": sealed,
            }
        write_synced(tmp / MANIFEST, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
        fsync_dir(tmp)
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    fsync_dir(base)
    return final


def cleanup_temporaries(folder: Path, site: str) -> None:
    """Remove this site's half-written change sets left by a crash (only the site itself writes there)."""
    base = site_dir(folder, site)
    if base.is_dir():
        for tmp in base.glob(".tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)


def existing_seqs(folder: Path, site: str) -> list[int]:
    base = site_dir(folder, site)
    if not base.is_dir():
        return []
    return sorted(int(p.name) for p in base.iterdir() if _SEQ_DIR.match(p.name) and p.is_dir())


def list_change_sets(folder: Path, *, exclude_site: str | None = None) -> list[ChangeSetRef]:
    """Every complete-looking change set in the folder, by site then sequence number."""
    refs: list[ChangeSetRef] = []
    for sdir in sorted(p for p in folder.iterdir() if p.is_dir() and SITE_CODE.match(p.name)):
        if sdir.name == exclude_site:
            continue
        for seq in existing_seqs(folder, sdir.name):
            refs.append(ChangeSetRef(sdir.name, seq, sdir / seq_dir_name(seq)))
    return refs


# --- reading ----------------------------------------------------------------------------------------


def _refused(ref: ChangeSetRef, code: str, why: str, *, retry: bool = True) -> ChangeSetRefused:
    tail = " Rien n'en a été appliqué ; il sera repris à la prochaine synchronisation." if retry else ""
    return ChangeSetRefused(code, f"Le {ref.label} est refusé : {why}.{tail}", site=ref.site, seq=ref.seq)


def _load_manifest(ref: ChangeSetRef, passphrase: str | None) -> tuple[Manifest, str]:
    try:
        raw = (ref.path / MANIFEST).read_bytes()
    except FileNotFoundError as exc:
        raise _refused(ref, "cs_incomplete", "son manifeste est absent (copie encore en cours ?)") from exc
    try:
        outer = json.loads(raw.decode("utf-8"))
        if outer.get("format") != FORMAT:
            raise ValueError("format")
        version = int(outer.get("format_version", 0))
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise _refused(ref, "cs_damaged", "son manifeste est illisible") from exc
    if version > FORMAT_VERSION:
        raise _refused(
            ref, "cs_too_new", "il vient d'une version plus récente de mlplanner ; mettez ce poste à jour"
        )
    if str(outer.get("site")) != ref.site or int(outer.get("seq", -1)) != ref.seq:
        raise _refused(ref, "cs_misplaced", "son manifeste ne correspond pas à son dossier", retry=False)
    salt = ""
    if outer.get("encrypted"):
        if not passphrase:
            raise _refused(ref, "cs_encrypted", "il est chiffré ; indiquez la phrase secrète du réseau")
        kdf = outer.get("kdf") or {}
        salt = str(kdf.get("salt", ""))
        try:
            inner = crypto.unseal(
                str(outer["sealed"]).encode("ascii"),
                passphrase,
                salt,
                int(kdf.get("iterations", crypto.KDF_ITERATIONS)),
            )
            outer = json.loads(inner.decode("utf-8"))
        except (crypto.AuthenticationFailed, KeyError, ValueError) as exc:
            raise _refused(
                ref,
                "cs_auth",
                "il n'a pas pu être authentifié (phrase secrète différente ou fichier falsifié)",
            ) from exc
    elif passphrase:
        raise _refused(
            ref, "cs_not_encrypted", "il n'est pas chiffré alors que ce réseau exige le chiffrement"
        )
    try:
        manifest = Manifest.from_json(outer)
    except (KeyError, TypeError, ValueError) as exc:
        raise _refused(ref, "cs_damaged", "son manifeste est incomplet") from exc
    if manifest.site != ref.site or manifest.seq != ref.seq or manifest.encrypted != bool(passphrase):
        raise _refused(ref, "cs_auth", "son manifeste chiffré ne correspond pas à son dossier")
    return manifest, salt


def read_change_set(ref: ChangeSetRef, *, passphrase: str | None = None) -> ChangeSet:
    """Read and verify a change set entirely (checksums, row counts, shape) before anything is applied."""
    manifest, salt = _load_manifest(ref, passphrase)
    tables: dict[str, TableData] = {}
    for entry in manifest.tables:
        if "/" in entry.file or "\\" in entry.file or entry.file.startswith("."):
            raise _refused(ref, "cs_damaged", f"nom de fichier suspect « {entry.file} »", retry=False)
        try:
            data = (ref.path / entry.file).read_bytes()
        except FileNotFoundError as exc:
            raise _refused(ref, "cs_incomplete", f"le fichier « {entry.file} » manque") from exc
        if sha256_bytes(data) != entry.sha256:
            raise _refused(
                ref,
                "cs_damaged",
                f"le fichier « {entry.file} » est tronqué ou modifié (empreinte différente)",
            )
        if passphrase:
            try:
                data = crypto.unseal(data, passphrase, salt)
            except crypto.AuthenticationFailed as exc:
                raise _refused(
                    ref, "cs_auth", f"le fichier « {entry.file} » n'a pas pu être authentifié"
                ) from exc
        tables[entry.name] = _parse_table(ref, entry, data)
    return ChangeSet(manifest, tables)


def _parse_table(ref: ChangeSetRef, entry: TableEntry, data: bytes) -> TableData:
    try:
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER, strict=True))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise _refused(ref, "cs_damaged", f"le fichier « {entry.file} » est illisible") from exc
    if not rows or tuple(rows[0]) != entry.columns:
        raise _refused(ref, "cs_damaged", f"les colonnes de « {entry.file} » ne sont pas celles du manifeste")
    body = rows[1:]
    width = len(entry.columns)
    if len(body) != entry.rows or any(len(r) != width for r in body):
        raise _refused(
            ref, "cs_damaged", f"le fichier « {entry.file} » est tronqué (lignes manquantes ou coupées)"
        )
    return TableData(entry.name, entry.columns, body)


def remove_change_set(ref: ChangeSetRef) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(ref.path)
