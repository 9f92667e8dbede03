"""A library of fewer languages: configure and build the C library alone with
-DSC_LANGUAGES=en;fr in a scratch build directory, run tests/c/langs_en_fr.c
against it (exactly en and fr, French prose there, de refused), and compare
its size with the full library of the build under test.

tests/CMakeLists.txt runs it with SC_SOURCE_DIR, SC_SCRATCH_DIR,
SC_FULL_LIBRARY, SC_CMAKE, SC_CC and SC_BUILD_TYPE set."""
import os
import shutil
import subprocess
import sys
import unittest

ENV = os.environ


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s%s" % (
            " ".join(cmd), r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return r.stdout


@unittest.skipUnless("SC_SCRATCH_DIR" in ENV, "run by ctest (c_languages)")
class ReducedLanguagesTest(unittest.TestCase):
    def test_en_fr_build(self):
        src, scratch = ENV["SC_SOURCE_DIR"], ENV["SC_SCRATCH_DIR"]
        cmake = ENV.get("SC_CMAKE", "cmake")
        shutil.rmtree(scratch, ignore_errors=True)
        run([cmake, "-S", src, "-B", scratch, "-DSC_LANGUAGES=en;fr",
             "-DBUILD_TESTING=OFF", "-DSC_BUILD_LUA=OFF", "-DSC_WERROR=ON",
             "-DCMAKE_BUILD_TYPE=" + ENV.get("SC_BUILD_TYPE", ""),
             "-DCMAKE_C_COMPILER=" + ENV.get("SC_CC", "cc"),
             "-DPython3_EXECUTABLE=" + sys.executable])
        run([cmake, "--build", scratch, "--target", "statuscodes", "-j2"])
        exe = os.path.join(scratch, "langs_en_fr")
        run([ENV.get("SC_CC", "cc"), "-std=c11", "-Wall", "-Wextra",
             "-pedantic", "-Werror", "-I", os.path.join(src, "core", "include"),
             os.path.join(src, "tests", "c", "langs_en_fr.c"), "-o", exe,
             "-L" + scratch, "-lstatuscodes", "-Wl,-rpath," + scratch])
        print(run([exe]), end="")

        full = os.path.getsize(os.path.realpath(ENV["SC_FULL_LIBRARY"]))
        reduced = os.path.getsize(os.path.realpath(
            os.path.join(scratch, "libstatuscodes.so")))
        print("libstatuscodes.so: %d bytes with every language, %d with en;fr"
              % (full, reduced))
        self.assertLess(reduced, full)


if __name__ == "__main__":
    unittest.main()
