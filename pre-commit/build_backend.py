"""PEP 517 build backend for zt-lint-pre-commit, a package with no code of its own.

Its wheel carries only metadata: the pinned requirement on the zt-lint wheel. A standard
backend (setuptools, hatchling) would first have to be downloaded into pip's isolated build
environment; this one is part of the source tree, so pre-commit's `pip install .` fetches
nothing but zt-lint. The version and pin are written here, once; zt-lint's tests check them
against its Cargo.toml.
"""

import base64
import hashlib
import io
import os
import tarfile
import zipfile

NAME = "zt-lint-pre-commit"
VERSION = "0.1.0"
REQUIRES = "zt-lint==0.1.0"
SUMMARY = "pre-commit hook for zt-lint, installed from the prebuilt zt-lint wheel"

_DIST = NAME.replace("-", "_")
_SOURCES = ("pyproject.toml", "build_backend.py", ".pre-commit-hooks.yaml", "README.md")
# Fixed timestamps make the archives reproducible (zip cannot store dates before 1980).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _metadata():
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {VERSION}\n"
        f"Summary: {SUMMARY}\n"
        "License: Apache-2.0\n"
        f"Requires-Dist: {REQUIRES}\n"
    )


def _wheel_info():
    return (
        "Wheel-Version: 1.0\n"
        "Generator: zt-lint-pre-commit build_backend\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    dist_info = f"{_DIST}-{VERSION}.dist-info"
    path = os.path.join(metadata_directory, dist_info)
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    with open(os.path.join(path, "WHEEL"), "w", encoding="utf-8") as f:
        f.write(_wheel_info())
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    dist_info = f"{_DIST}-{VERSION}.dist-info"
    files = [
        (f"{dist_info}/METADATA", _metadata().encode("utf-8")),
        (f"{dist_info}/WHEEL", _wheel_info().encode("utf-8")),
    ]
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in files)
    record += f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode("utf-8")))
    filename = f"{_DIST}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as whl:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            whl.writestr(info, data, zipfile.ZIP_DEFLATED)
    return filename


def build_sdist(sdist_directory, config_settings=None):
    root = f"{_DIST}-{VERSION}"
    filename = f"{root}.tar.gz"
    here = os.path.dirname(os.path.abspath(__file__))

    def add(tar, name, data):
        info = tarfile.TarInfo(f"{root}/{name}")
        info.size = len(data)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))

    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz") as tar:
        add(tar, "PKG-INFO", _metadata().encode("utf-8"))
        for name in _SOURCES:
            with open(os.path.join(here, name), "rb") as f:
                add(tar, name, f.read())
    return filename
