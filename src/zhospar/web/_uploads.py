"""Uploaded import files kept between the preview and the confirmation, safely.

An upload is checked first (a dry run) and written only when the person confirms, so the file
must survive one request, and may be confirmed through another worker or another host than the
one that previewed it: it is kept in the database (``staged_uploads``), never handed to the
client. The client gets a random token (``secrets.token_urlsafe(32)``) and posts it back. The
token is

* kept only as its SHA-256, and bound to the visitor's CSRF cookie (whose SHA-256 is kept with
  the file), so another session, even one that learns the token, cannot confirm it;
* looked up only when it matches ``[A-Za-z0-9_-]{43}``; the file is copied back into a private
  temporary folder of the process (one sub-folder per token) to be read: a path or file name
  from the client never reaches the file system;
* valid for ``ttl`` seconds; expired uploads are deleted whenever another is staged or looked up,
  a confirmed or refused one at once; the process's copies go when the server stops.

The file keeps its own name (cleaned of path parts and odd characters) because the import
records it with every value (``origin_file``); its size is capped while it is copied in, before
anything is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, insert, select

from zhospar._exceptions import ValidationError
from zhospar.store.db import Database
from zhospar.store.schema import StagedUploadRow

__all__ = ["MAX_UPLOAD_BYTES", "Staged", "StagedUploads", "UploadRefused", "clean_name"]

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
TTL_SECONDS = 30 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_UNSAFE = re.compile(r"[^\w .()+-]", re.UNICODE)
_CHUNK = 1024 * 1024


class UploadRefused(ValidationError):
    """The token is unknown, expired or belongs to another session: upload the file again."""


@dataclass(frozen=True)
class Staged:
    """An upload waiting for confirmation: its token, its file and the name it came with."""

    token: str
    path: Path
    name: str


def clean_name(name: str | None) -> str:
    """The base name of an uploaded file, safe as a file name and as recorded text."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > 120:
        stem, dot, suffix = base.rpartition(".")
        base = f"{stem[: 110 - len(suffix)]}{dot}{suffix}" if dot and len(suffix) <= 8 else base
        base = base[:120]
    return base or "upload"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii", "replace")).hexdigest()


class StagedUploads:
    """Uploads waiting for confirmation: in the database, with local copies to read them from.

    ``database`` gives the open database when asked (the server may open it after the app is
    made).
    """

    def __init__(
        self,
        database: Callable[[], Database],
        *,
        max_bytes: int = MAX_UPLOAD_BYTES,
        ttl: float = TTL_SECONDS,
    ) -> None:
        self.database = database
        self.max_bytes = max_bytes
        self.ttl = ttl
        self._root: Path | None = None

    def _folder(self) -> Path:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="zhospar-uploads-"))  # mode 0700
        return self._root

    def _local(self, token: str, name: str) -> Staged:
        folder = self._folder() / token
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "file").mkdir(parents=True)
        return Staged(token, folder / "file" / name, name)

    def stage(self, source: BinaryIO, name: str | None, csrf_cookie: str) -> Staged:
        """Copy an upload in, up to ``max_bytes``, and keep it in the database; raises
        ValidationError when it is larger (nothing is kept)."""
        self.sweep()
        token = secrets.token_urlsafe(32)
        staged = self._local(token, clean_name(name))
        try:
            size = self._copy(source, staged.path)
            row = {
                "token_hash": _digest(token), "session_hash": _digest(csrf_cookie),
                "name": staged.name, "size": size, "content": staged.path.read_bytes(),
                "created_at": dt.datetime.now(dt.UTC),
            }  # fmt: skip
            self.database().write(lambda conn: conn.execute(insert(StagedUploadRow).values(row)))
        except BaseException:
            shutil.rmtree(staged.path.parent.parent, ignore_errors=True)
            raise
        return staged

    def _copy(self, source: BinaryIO, target: Path) -> int:
        written = 0
        with target.open("wb") as out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > self.max_bytes:
                    raise ValidationError(
                        f"the file is larger than {self.max_bytes // (1024 * 1024)} MB: split it, "
                        "or import it with `zhospar import FILE`"
                    )
                out.write(chunk)
        return written

    def find(self, token: str, csrf_cookie: str) -> Staged:
        """The upload of ``token`` if this session staged it and it has not expired (staged by
        this process or any other on the same database)."""
        self.sweep()
        refused = UploadRefused(
            "this upload is unknown, expired or from another session: upload the file again"
        )
        if not _TOKEN.fullmatch(token):
            raise refused
        query = select(StagedUploadRow).where(StagedUploadRow.token_hash == _digest(token))
        with self.database().session() as session:
            row = session.scalar(query)
            if row is None or row.created_at < self._oldest():
                raise refused
            if not secrets.compare_digest(row.session_hash, _digest(csrf_cookie)):
                raise refused
            name, content = clean_name(row.name), bytes(row.content)
        staged = self._local(token, name)
        staged.path.write_bytes(content)
        return staged

    def discard(self, token: str) -> None:
        """Forget an upload: its row (for every worker) and this process's copy."""
        if not _TOKEN.fullmatch(token):
            return
        gone = delete(StagedUploadRow).where(StagedUploadRow.token_hash == _digest(token))
        self.database().write(lambda conn: conn.execute(gone))
        if self._root is not None:
            shutil.rmtree(self._root / token, ignore_errors=True)

    def _oldest(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) - dt.timedelta(seconds=self.ttl)

    def sweep(self) -> None:
        """Delete the uploads older than ``ttl`` seconds, in the database and here."""
        oldest = self._oldest()
        expired = delete(StagedUploadRow).where(StagedUploadRow.created_at < oldest)
        self.database().write(lambda conn: conn.execute(expired))
        if self._root is None:
            return
        for folder in self._root.iterdir():
            try:
                old = folder.stat().st_mtime < oldest.timestamp()
            except OSError:
                continue
            if old:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Delete this process's copies (the server stops); the database keeps the uploads for
        the other workers until they expire."""
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
