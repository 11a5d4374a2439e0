module github.com/fion-wm/fion

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0 // indirect
	github.com/jezek/xgb v1.3.0 // indirect
	github.com/jezek/xgbutil v0.0.0-20240804174445-e2e9464b6e01 // indirect
	golang.org/x/image v0.48.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/text v0.44.0 // indirect
)
