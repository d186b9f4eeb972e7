# cp/: the Control Program (issue: CP and CMS). Nothing is built here yet;
# see cp/README.md.
EXTRA_DIST += cp/README.md
