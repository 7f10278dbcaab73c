"""``tradefig report``: one self-contained HTML page with every figure in its text, the table
of rows and the charts (build.py: the model; html.py: the page; charts.py: inline SVG)."""
