"""kg: a knowledge-graph builder for Vietnamese political news."""

__version__ = "0.1.0"
