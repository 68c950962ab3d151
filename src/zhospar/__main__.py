"""``python -m zhospar``: the same command as ``zhospar``."""

from zhospar.cli import main

if __name__ == "__main__":
    main()
