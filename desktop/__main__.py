"""``python -m desktop`` does what the ``complaint-desk`` command does."""

import sys

from desktop.cli import main

sys.exit(main())
