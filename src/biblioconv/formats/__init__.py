"""Built-in formats, one package each, registered through the ``biblioconv.formats`` entry points."""
