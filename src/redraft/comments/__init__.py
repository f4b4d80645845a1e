"""Comments against the text: where each one anchors, what is pending, what each led to."""
