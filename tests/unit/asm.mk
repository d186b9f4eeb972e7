# Unit tests for asm/ (Check).
