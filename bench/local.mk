# bench/: `make bench`.
