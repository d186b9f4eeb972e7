# End-to-end tests: IPL decks and images, compare what the guest printed.
