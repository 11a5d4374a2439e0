module github.com/fion-wm/fion

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/jezek/xgb v1.3.0
	github.com/landlock-lsm/go-landlock v0.11.2
	golang.org/x/image v0.48.0
	golang.org/x/sys v0.50.0
	golang.org/x/text v0.44.0
)

require kernel.org/pub/linux/libs/security/libcap/psx v1.2.78 // indirect
