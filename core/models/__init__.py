"""Customer models (DESIGN.md §8.4): BG/NBD, Gamma-Gamma, predicted CLV and the sBG retention curve.

Pure functions over numpy arrays; SciPy is imported inside the functions that need it, so that
the window and ``compute`` start without it. Time is in weeks for BG/NBD (as in the published
fits) and in periods for the sBG curve. A fit is a frozen ``Fit``: parameters, log-likelihood,
whether it converged, and a message in words; a fit that did not converge carries no numbers.
"""
