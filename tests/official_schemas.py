"""The official XML schemas of OAI-PMH 2.0, taken from packages on PyPI that ship copies of them.

Nothing is downloaded while the tests run: `make schemas` (run by `make test`, so by CI) asks
pip for the packages' source archives, takes the schema files out, checks their SHA-256 and
puts them in .venv/schemas/oai-pmh/ (or $OAI_PMH_SCHEMAS).

    OAI-PMH.xsd             openarchives.org, $Date: 2005/06/08$, in pyoai 2.5.0's tests
    oai_dc.xsd              openarchives.org, in core-oaipmh-provider-app 2.23.0 (NIST CDCS)
    simpledc20021212.xsd    dublincore.org, in core-oaipmh-provider-app 2.23.0
    xml.xsd                 w3.org, in xmlschema (a dev dependency)

No package found on PyPI, npm, Maven Central or Debian ships oai-identifier.xsd: the Identify
description it governs is checked against the rules of the OAI identifier guidelines instead
(tests/periodical/test_oai_schemas.py).
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

FOLDER = Path(os.environ.get("OAI_PMH_SCHEMAS") or Path(sys.prefix) / "schemas" / "oai-pmh")

# package on PyPI (source archive) -> {path in the archive: (file name, sha256)}
PACKAGES = {
    "pyoai==2.5.0": {
        "pyoai-2.5.0/src/oaipmh/tests/OAI-PMH.xsd": (
            "OAI-PMH.xsd",
            "1da2a22b2b7753700a5dbf74fef663714927be49a7404b53627a2fdf4e011fc9",
        ),
    },
    "core-oaipmh-provider-app==2.23.0": {
        "core_oaipmh_provider_app-2.23.0/core_oaipmh_provider_app/static/"
        "core_oaipmh_provider_app/xsd/oai_dc.xsd": (
            "oai_dc.xsd",
            "7383d21bca49c1186627e820a5da7ec209febfc5b4295fada39720ad0cebee9a",
        ),
        "core_oaipmh_provider_app-2.23.0/core_oaipmh_provider_app/static/"
        "core_oaipmh_provider_app/xsd/simpledc20021212.xsd": (
            "simpledc20021212.xsd",
            "863f92a4c90de3f364847e0c4526aca061cf190d8e3a682ed3bcd05ce318944e",
        ),
    },
}
FILES = ["OAI-PMH.xsd", "oai_dc.xsd", "simpledc20021212.xsd", "xml.xsd"]


def present():
    return all((FOLDER / name).is_file() for name in FILES)


def install():
    FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for requirement, members in PACKAGES.items():
            if all((FOLDER / name).is_file() for name, _sha in members.values()):
                continue
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    "--dest",
                    scratch,
                    requirement,
                ],
                check=True,
            )
            name = requirement.split("==")[0].replace("-", "_")
            archive = next(
                path
                for path in Path(scratch).iterdir()
                if path.name.replace("-", "_").startswith(name)
            )
            with tarfile.open(archive) as tar:
                for member, (filename, sha256) in members.items():
                    data = tar.extractfile(member).read()
                    if hashlib.sha256(data).hexdigest() != sha256:
                        raise SystemExit(f"{requirement}: {member} is not the expected file")
                    (FOLDER / filename).write_bytes(data)
    import xmlschema

    shutil.copyfile(Path(xmlschema.__file__).parent / "schemas/XML/xml.xsd", FOLDER / "xml.xsd")


if __name__ == "__main__":
    if not present():
        install()
    print(f"OAI-PMH schemas in {FOLDER}: {', '.join(FILES)}")
