# Unit tests for src/ (Check).
