"""Allow `python -m builder ...` as well as the `musubi` console script."""

import sys

from builder.cli import main

sys.exit(main())
