"""Documents written for meetings: the compilation of comments."""
