"""Imported by the server process that local worker processes are forked from (`parallel.Pool`):
what every batch needs is loaded there once, before the fork, instead of in each worker."""
from .pipeline import warm_up

warm_up()
