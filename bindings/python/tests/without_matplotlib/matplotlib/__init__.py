# Stands in for a missing matplotlib: the example test puts this folder
# first on PYTHONPATH to check that score_calls.py skips the chart.
raise ImportError("No module named 'matplotlib' (hidden for the test)")
