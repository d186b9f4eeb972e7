# Unit tests for devices/ (Check).
