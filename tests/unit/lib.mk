# Unit tests for lib/ (Check).
