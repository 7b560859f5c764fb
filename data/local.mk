## data: the datasets that ship with latentlab, installed under
## $(pkgdatadir)/data and found from the source tree too (src/lab/paths.c).

# The tutorial's toy data, written for the project (GPLv3+).
nobase_dist_pkgdata_DATA += data/toy/ratings.csv data/toy/movies.csv \
	data/toy/users.csv data/toy/README

# Its Korean twin: the same rows in the same order, Hangul names (GPLv3+).
nobase_dist_pkgdata_DATA += data/toy-ko/ratings.csv data/toy-ko/movies.csv \
	data/toy-ko/users.csv data/toy-ko/README

# GroupLens's ml-latest-small release (2018), unchanged; its README.txt allows
# redistribution under the same terms. ml-100k and ml-1m may not be shipped.
nobase_dist_pkgdata_DATA += data/ml-latest-small/README.txt \
	data/ml-latest-small/links.csv data/ml-latest-small/movies.csv \
	data/ml-latest-small/ratings.csv data/ml-latest-small/tags.csv
