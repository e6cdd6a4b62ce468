r"""Writes argv[1] to stdout with Python escapes (\r, \0, \n, \xNN) turned into bytes: lets a lit
RUN line build a spec holding bytes a committed file should not (CR-only endings, NUL)."""
import sys

sys.stdout.buffer.write(sys.argv[1].encode("ascii").decode("unicode_escape").encode("latin-1"))
