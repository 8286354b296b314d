module github.com/hindsight-kb/hindsight

go 1.26.8
