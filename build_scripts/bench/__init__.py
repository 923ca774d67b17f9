"""The performance benchmark: a synthetic corpus of directives, built by the real pipeline, with
the figures the issue asks for (`make bench`, `python -m build_scripts.bench --count N`)."""
