"""The README's session runs as written: every `pycon` block is a doctest
against the built package, so the documentation cannot drift from what the
library answers."""
import doctest
import os
import re
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pycon_blocks():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"```pycon\n(.*?)```", text, re.S)


class ReadmeSession(unittest.TestCase):
    def test_blocks_run_as_written(self):
        blocks = pycon_blocks()
        self.assertTrue(blocks, "the README has no pycon session")
        parser = doctest.DocTestParser()
        for i, block in enumerate(blocks):
            test = parser.get_doctest(block, {}, "README block %d" % i, "README.md", 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            out = []
            runner.run(test, out=out.append)
            self.assertEqual(runner.failures, 0, "".join(out))
            self.assertGreater(runner.tries, 5)


if __name__ == "__main__":
    unittest.main()
