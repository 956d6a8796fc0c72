"""A binding author's exporter, deliberately wrong: a 2-D matrix type whose buffer is a ctypes
array, so it inherits ctypes' habit of granting every request (Fortran order included) with
its C-ordered memory."""

import ctypes


def make_matrix(layout):
    """The factory mvconf calls: a rows x cols matrix of C ints, or None for other layouts."""
    if len(layout["shape"]) != 2 or layout["order"] != "C" or layout["readonly"]:
        return None
    rows, cols = layout["shape"]
    m = ((ctypes.c_int * cols) * rows)()
    for i in range(rows):
        for j in range(cols):
            m[i][j] = layout["seed"] + i * cols + j
    return m


make_matrix.mvconf_layouts = {"formats": ["int"], "max_ndim": 2, "orders": ["C"],
                              "slicing": False, "readonly": [False]}
