"""The command line and the files the v7.0 checker tests share: `lockspec`, the repository and
Linux v7.0's mm/*.c (from `--linux`, or ../shared/reference/upstream/linux-v7.0 beside the
repository)."""
import argparse
import glob
import os
import sys


def parser(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--lockspec", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--linux", help="a Linux v7.0 tree (default: "
                    "../shared/reference/upstream/linux-v7.0 from the repository)")
    return ap


def mm_files(args, test):
    """Linux v7.0's mm/*.c, sorted; exits saying so when the copy is absent."""
    linux = args.linux or os.path.join(args.repo, "..", "shared", "reference", "upstream",
                                       "linux-v7.0")
    files = sorted(glob.glob(os.path.join(linux, "mm", "*.c")))
    if not files:
        sys.exit(f"{test}: no Linux v7.0 mm/*.c at {linux} (give --linux DIR)")
    return files
