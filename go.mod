module github.com/dutygraph/dutygraph

go 1.26

tool github.com/99designs/gqlgen

require (
	github.com/99designs/gqlgen v0.17.90
	github.com/compose-spec/compose-go/v2 v2.9.1
	github.com/hashicorp/golang-lru/v2 v2.0.7
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	github.com/stretchr/testify v1.11.1
	github.com/vektah/gqlparser/v2 v2.5.33
	github.com/xuri/excelize/v2 v2.9.1
	go.yaml.in/yaml/v3 v3.0.4
	golang.org/x/net v0.52.0
	golang.org/x/text v0.35.0
	golang.org/x/time v0.15.0
	gonum.org/v1/gonum v0.16.0
)

require go.etcd.io/bbolt v1.4.3

require (
	github.com/agnivade/levenshtein v1.2.1 // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/distribution/reference v0.5.0 // indirect
	github.com/docker/go-connections v0.4.0 // indirect
	github.com/docker/go-units v0.5.0 // indirect
	github.com/go-viper/mapstructure/v2 v2.5.0 // indirect
	github.com/goccy/go-yaml v1.19.2 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/gorilla/websocket v1.5.0 // indirect
	// gqlgen (go generate) loads the tests of go.yaml.in/yaml/v3, which reach kr/text;
	// go mod tidy does not record it, go generate would.
	github.com/kr/text v0.2.0 // indirect
	github.com/mattn/go-shellwords v1.0.12 // indirect
	github.com/munnerz/goautoneg v0.0.0-20191010083416-a7dc8b61c822 // indirect
	github.com/opencontainers/go-digest v1.0.0 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/prometheus/client_golang v1.22.0
	github.com/prometheus/client_model v0.6.1 // indirect
	github.com/prometheus/common v0.62.0 // indirect
	github.com/prometheus/procfs v0.15.1 // indirect
	github.com/richardlehane/mscfb v1.0.4 // indirect
	github.com/richardlehane/msoleps v1.0.4 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.1 // indirect
	github.com/sirupsen/logrus v1.9.0 // indirect
	github.com/sosodev/duration v1.4.0 // indirect
	github.com/tiendc/go-deepcopy v1.6.0 // indirect
	github.com/urfave/cli/v3 v3.8.0 // indirect
	github.com/xhit/go-str2duration/v2 v2.1.0 // indirect
	github.com/xuri/efp v0.0.1 // indirect
	github.com/xuri/nfp v0.0.1 // indirect
	golang.org/x/crypto v0.49.0 // indirect
	golang.org/x/mod v0.33.0 // indirect
	golang.org/x/sync v0.20.0
	golang.org/x/sys v0.42.0 // indirect
	golang.org/x/tools v0.42.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
