"""Build the statuscodes Python package.

The C core is compiled straight into the extension module (no separate
library, no CMake step): core/src/*.c plus bindings/python/_statuscodes.c.

    python3 setup.py build --build-lib /tmp/pybuild
    PYTHONPATH=/tmp/pybuild python3 -m unittest discover -s tests/python
"""

import os
import re
from glob import glob

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Flags for GCC and Clang. The core's symbols stay hidden inside the
# extension (SC_STATIC makes SC_EXPORT empty); only PyInit_ is exported.
UNIX_FLAGS = [
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-pedantic",
    "-Wstrict-prototypes",
    "-Wmissing-prototypes",
    "-Wshadow",
    "-fvisibility=hidden",
]
MSVC_FLAGS = ["/W3"]


def read_version():
    """The knowledge base's version (core/data/VERSION, which the generator
    also writes into kb_data.inc as KB_VERSION), else "0.1.0"."""
    try:
        with open("core/data/VERSION", encoding="utf-8") as f:
            version = f.read().strip()
        if re.fullmatch(r"\d+\.\d+\.\d+", version):
            return version
    except OSError:
        pass
    pattern = re.compile(r'#\s*define\s+KB_VERSION\s+"([^"]+)"')
    for path in sorted(glob("core/src/*.inc")):
        with open(path, encoding="utf-8", errors="replace") as f:
            match = pattern.search(f.read())
        if match:
            return match.group(1)
    return "0.1.0"


class BuildExt(build_ext):
    """Pick warning flags for the compiler in use."""

    def build_extensions(self):
        flags = MSVC_FLAGS if self.compiler.compiler_type == "msvc" else UNIX_FLAGS
        for ext in self.extensions:
            ext.extra_compile_args = flags + list(ext.extra_compile_args or [])
        super().build_extensions()


extension = Extension(
    "statuscodes._statuscodes",
    sources=["bindings/python/_statuscodes.c"] + sorted(glob("core/src/*.c")),
    include_dirs=["core/include", "core/src"],
    define_macros=[("SC_STATIC", None)],
    # Rebuild when the generated table or a header changes, not only a .c:
    # a stale kb_data.inc compiled in would test yesterday's knowledge base.
    depends=sorted(glob("core/src/*.inc") + glob("core/src/*.h")
                   + glob("core/include/*.h")),
)

# setuptools writes its egg-info here (setup.cfg): the folder must exist.
os.makedirs(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "build-python"), exist_ok=True)

# Metadata (name, description, licence, console script) is in
# pyproject.toml; the extension, the version and the layout are here.
setup(
    version=read_version(),
    packages=["statuscodes"],
    package_dir={"statuscodes": "bindings/python/statuscodes"},
    package_data={"statuscodes": ["__init__.pyi", "py.typed"]},
    ext_modules=[extension],
    cmdclass={"build_ext": BuildExt},
    zip_safe=False,
)
