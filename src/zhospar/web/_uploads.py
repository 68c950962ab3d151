"""Uploaded import files kept between the preview and the confirmation, safely.

An upload is checked first (a dry run) and written only when the person confirms, so the file
must survive one request. It is kept on the server, never handed to the client: the client gets
a random token (``secrets.token_urlsafe(32)``) and posts it back. The token is

* bound to the visitor's CSRF cookie (its SHA-256 is kept with the file), so another session,
  even one that learns the token, cannot confirm it;
* only ever looked up as a whole folder name that must match ``[A-Za-z0-9_-]{43}``: a path or
  file name from the client never reaches the file system;
* valid for ``ttl`` seconds; expired uploads are deleted whenever another is staged or looked up,
  a confirmed or refused one at once, and all of them when the server stops.

The file keeps its own name (cleaned of path parts and odd characters) because the import
records it with every value (``origin_file``); its size is capped while it is copied.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from zhospar._exceptions import ValidationError

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


def _session(csrf_cookie: str) -> str:
    return hashlib.sha256(csrf_cookie.encode("ascii", "replace")).hexdigest()


class StagedUploads:
    """A private folder of uploads, one sub-folder per token (created on first use)."""

    def __init__(self, *, max_bytes: int = MAX_UPLOAD_BYTES, ttl: float = TTL_SECONDS) -> None:
        self.max_bytes = max_bytes
        self.ttl = ttl
        self._root: Path | None = None

    def _folder(self) -> Path:
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="zhospar-uploads-"))  # mode 0700
        return self._root

    def stage(self, source: BinaryIO, name: str | None, csrf_cookie: str) -> Staged:
        """Copy an upload in, up to ``max_bytes``; raises ValidationError when it is larger."""
        self.sweep()
        token = secrets.token_urlsafe(32)
        folder = self._folder() / token
        (folder / "file").mkdir(parents=True)
        cleaned = clean_name(name)
        staged = Staged(token, folder / "file" / cleaned, cleaned)
        try:
            self._copy(source, staged.path)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        meta = {"session": _session(csrf_cookie), "name": staged.name}
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return staged

    def _copy(self, source: BinaryIO, target: Path) -> None:
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

    def find(self, token: str, csrf_cookie: str) -> Staged:
        """The upload of ``token`` if this session staged it and it has not expired."""
        self.sweep()
        refused = UploadRefused(
            "this upload is unknown, expired or from another session: upload the file again"
        )
        if self._root is None or not _TOKEN.fullmatch(token):
            raise refused
        folder = self._root / token
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise refused from None
        if not secrets.compare_digest(str(meta.get("session")), _session(csrf_cookie)):
            raise refused
        name = str(meta["name"])
        return Staged(token, folder / "file" / name, name)

    def discard(self, token: str) -> None:
        if self._root is not None and _TOKEN.fullmatch(token):
            shutil.rmtree(self._root / token, ignore_errors=True)

    def sweep(self) -> None:
        """Delete the uploads older than ``ttl`` seconds."""
        if self._root is None:
            return
        oldest = time.time() - self.ttl
        for folder in self._root.iterdir():
            try:
                expired = folder.stat().st_mtime < oldest
            except OSError:
                continue
            if expired:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Delete every upload (the server stops)."""
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
