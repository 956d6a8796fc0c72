"""The binding author's own test: it fails, because matrix.py's exporter breaks the contract,
and the failure shows mvconf's minimal case and a plain-Python reproduction."""

import os

from mvconf_exporters.check import check_exporter

HERE = os.path.dirname(os.path.abspath(__file__))


def test_matrix_honours_every_buffer_request():
    check_exporter("matrix:make_matrix", path=[HERE], cases=300)
