# man/: manual pages.
dist_man_MANS += man/vm67-asm.1
dist_man_MANS += man/vm67.1 man/vm67.conf.5
dist_man_MANS += man/vm67-dasd.1
