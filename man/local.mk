# man/: manual pages.
dist_man_MANS += man/vm67-dasd.1
