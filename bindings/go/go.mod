module github.com/0k-sync/0k-sync/bindings/go

go 1.24
