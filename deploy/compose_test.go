// Package deploy_test checks the deployment files at the repository's root
// — docker-compose.yml, .env.example, Dockerfile — without a Docker engine:
// the compose file is loaded with compose-go, the loader Docker Compose
// itself uses, and the Dockerfile's build command is run as written.
package deploy_test

import (
	"bufio"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/stretchr/testify/require"
)

// root is the repository root, where the deployment files live.
const root = ".."

// Documented development credentials: the defaults in docker-compose.yml
// and the values in .env.example.
const (
	defaultUser     = "neo4j"
	defaultPassword = "dutygraph-dev-password"
)

// loadCompose loads docker-compose.yml as `docker compose` would, with the
// given variables as the whole environment (nothing leaks in from the
// machine running the test) and, when envFile is set, that env file.
func loadCompose(t *testing.T, env []string, envFile string) *types.Project {
	t.Helper()
	opts := []cli.ProjectOptionsFn{cli.WithWorkingDirectory(root), cli.WithEnv(env)}
	if envFile != "" {
		opts = append(opts, cli.WithEnvFiles(filepath.Join(root, envFile)), cli.WithDotEnv)
	}
	po, err := cli.NewProjectOptions([]string{filepath.Join(root, "docker-compose.yml")}, opts...)
	require.NoError(t, err)
	p, err := po.LoadProject(t.Context())
	require.NoError(t, err, "docker-compose.yml must load as Docker Compose loads it")
	return p
}

func service(t *testing.T, p *types.Project, name string) types.ServiceConfig {
	t.Helper()
	s, err := p.GetService(name)
	require.NoError(t, err)
	return s
}

func published(s types.ServiceConfig) map[uint32]string {
	out := map[uint32]string{}
	for _, p := range s.Ports {
		out[p.Target] = p.Published
	}
	return out
}

func env(s types.ServiceConfig, name string) string {
	v := s.Environment[name]
	if v == nil {
		return ""
	}
	return *v
}

func TestComposeServices(t *testing.T) {
	p := loadCompose(t, nil, "")
	require.Equal(t, "dutygraph", p.Name)
	require.ElementsMatch(t, []string{"neo4j", "dutygraph"}, p.ServiceNames())

	neo := service(t, p, "neo4j")
	require.Regexp(t, `^neo4j:5\.\d+\.\d+-community$`, neo.Image, "Neo4j 5, pinned to a patch release")
	require.Equal(t, map[uint32]string{7474: "7474", 7687: "7687"}, published(neo))
	require.Equal(t, defaultUser+"/"+defaultPassword, env(neo, "NEO4J_AUTH"), "the documented default")
	var data bool
	for _, v := range neo.Volumes {
		data = data || (v.Type == types.VolumeTypeVolume && v.Target == "/data")
	}
	require.True(t, data, "Neo4j's /data lives in a named volume, so the graph survives a restart")
	require.Contains(t, p.VolumeNames(), "neo4j-data")

	hc := neo.HealthCheck
	require.NotNil(t, hc, "dutygraph waits for Neo4j's health")
	require.False(t, hc.Disable)
	require.Contains(t, strings.Join(hc.Test, " "), "cypher-shell")
	require.Contains(t, strings.Join(hc.Test, " "), "RETURN 1")
	require.Contains(t, strings.Join(hc.Test, " "), "${NEO4J_AUTH", "credentials read inside the container")
	require.NotContains(t, strings.Join(hc.Test, " "), defaultPassword, "no password written into the healthcheck")
	require.NotNil(t, hc.Interval)
	require.NotNil(t, hc.Retries)
	require.NotNil(t, hc.StartPeriod)
	require.Less(t, time.Duration(*hc.Timeout), time.Duration(*hc.Interval)+time.Nanosecond)

	app := service(t, p, "dutygraph")
	require.NotNil(t, app.Build)
	require.Equal(t, "Dockerfile", app.Build.Dockerfile)
	require.Equal(t, types.ShellCommand{"serve", "--addr", "0.0.0.0:8080", "--store", "neo4j", "--seeds", "/documents", "--load-seeds"}, app.Command)
	require.Equal(t, []string{"/documents"}, bindTargets(app), "the user's documents, read-only")
	require.Equal(t, map[uint32]string{8080: "8080"}, published(app))
	require.Equal(t, types.ServiceConditionHealthy, app.DependsOn["neo4j"].Condition)
	require.Equal(t, "neo4j://neo4j:7687", env(app, "NEO4J_URI"), "routing URI, as with a cluster")
	require.Equal(t, defaultUser, env(app, "NEO4J_USERNAME"))
	require.Equal(t, defaultPassword, env(app, "NEO4J_PASSWORD"))
}

// TestComposeEmbedded: the embedded store keeps its corpus in a named
// volume at the image's data directory and reads the user's documents from
// a read-only bind mount, both documented in the file's header.
func TestComposeEmbedded(t *testing.T) {
	p := loadCompose(t, []string{"DUTYGRAPH_DOCUMENTS=/srv/plans"}, "")
	p, err := p.WithProfiles([]string{"embedded"})
	require.NoError(t, err)
	app := service(t, p, "embedded")
	require.Equal(t, types.ShellCommand{"serve", "--addr", "0.0.0.0:8080", "--watch"}, app.Command)
	require.Equal(t, "/data", env(app, "DUTYGRAPH_DATA"))
	var data, docs bool
	for _, v := range app.Volumes {
		data = data || (v.Type == types.VolumeTypeVolume && v.Source == "dutygraph-data" && v.Target == "/data")
		docs = docs || (v.Type == types.VolumeTypeBind && v.Source == "/srv/plans" && v.Target == "/documents" && v.ReadOnly)
	}
	require.True(t, data, "the corpus in the dutygraph-data volume: %+v", app.Volumes)
	require.True(t, docs, "DUTYGRAPH_DOCUMENTS mounted read-only at /documents: %+v", app.Volumes)
	header, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	require.NoError(t, err)
	require.Contains(t, string(header), "docker compose --profile embedded run --rm embedded load /documents")

	df, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	require.NoError(t, err)
	require.Regexp(t, `(?m)^ENV DUTYGRAPH_DATA=/data$`, string(df))
	require.Regexp(t, `(?m)^COPY --from=build --chown=nonroot:nonroot /out/data /data$`, string(df))
}

// bindTargets lists where a service's bind mounts land.
func bindTargets(s types.ServiceConfig) []string {
	var out []string
	for _, v := range s.Volumes {
		if v.Type == types.VolumeTypeBind {
			out = append(out, v.Target)
		}
	}
	return out
}

// TestComposeCredentialsComeFromTheEnvironment checks both services get the
// same credentials, from .env or the shell, and that .env.example documents
// exactly the defaults.
func TestComposeCredentialsComeFromTheEnvironment(t *testing.T) {
	p := loadCompose(t, []string{"NEO4J_USERNAME=ops", "NEO4J_PASSWORD=a-long-secret"}, "")
	require.Equal(t, "ops/a-long-secret", env(service(t, p, "neo4j"), "NEO4J_AUTH"))
	app := service(t, p, "dutygraph")
	require.Equal(t, "ops", env(app, "NEO4J_USERNAME"))
	require.Equal(t, "a-long-secret", env(app, "NEO4J_PASSWORD"))

	p = loadCompose(t, nil, ".env.example")
	require.Equal(t, defaultUser+"/"+defaultPassword, env(service(t, p, "neo4j"), "NEO4J_AUTH"),
		".env.example documents the defaults docker-compose.yml falls back to")
	require.GreaterOrEqual(t, len(defaultPassword), 8, "Neo4j 5 refuses shorter passwords")
}

// dockerfileBuild returns the Dockerfile's `RUN CGO_ENABLED=0 go build …`
// command, without RUN.
func dockerfileBuild(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "Dockerfile"))
	require.NoError(t, err)
	defer f.Close()
	var found []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); strings.HasPrefix(line, "RUN CGO_ENABLED=0 go build") {
			found = append(found, strings.TrimPrefix(line, "RUN "))
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, found, 1, "one build command in the Dockerfile")
	return found[0]
}

func TestDockerfileStages(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	require.NoError(t, err)
	df := string(b)
	require.Regexp(t, `(?m)^FROM golang:1\.26\S* AS build$`, df)
	require.Regexp(t, `(?m)^FROM gcr\.io/distroless/static\S*:nonroot$`, df, "static base, non-root")
	require.Regexp(t, `(?m)^USER nonroot`, df)
	require.Regexp(t, `(?m)^COPY --from=build /out/dutygraph `, df)
	require.Regexp(t, `(?m)^COPY seeds `, df)
	require.Equal(t, "CGO_ENABLED=0 go build -trimpath -o /out/dutygraph ./cmd/dutygraph", dockerfileBuild(t))

	ignore, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	require.NoError(t, err)
	for _, needed := range []string{"go.mod", "go.sum", "cmd", "seeds", "graph"} {
		require.NotRegexp(t, regexp.MustCompile(`(?m)^/?`+regexp.QuoteMeta(needed)+`/?$`), string(ignore),
			"the build needs %s in its context", needed)
	}
}

// buildTestsVariable, set to 1, asks for the test that builds the whole
// binary. Built as the Dockerfile builds it (-trimpath, CGO_ENABLED=0), it
// reuses none of the packages a plain `go test` compiles, and on a fresh
// machine it was most of the time `go test ./...` took: a developer's run
// skips it, .ci/run sets it.
const buildTestsVariable = "DUTYGRAPH_BUILD_TESTS"

// TestDockerfileBuildCommand runs the Dockerfile's build command as written,
// only with the output moved into a temporary directory, and checks that
// it makes a static binary that runs.
func TestDockerfileBuildCommand(t *testing.T) {
	if os.Getenv(buildTestsVariable) != "1" {
		t.Skip(buildTestsVariable + " is not 1: this test builds the static binary as the Dockerfile does " +
			"(minutes on a fresh machine). Run it with " + buildTestsVariable + "=1 go test ./deploy -run TestDockerfileBuildCommand")
	}
	fields := strings.Fields(dockerfileBuild(t))
	require.Equal(t, "CGO_ENABLED=0", fields[0])
	args := fields[1:]
	out := filepath.Join(t.TempDir(), "dutygraph")
	for i, a := range args {
		if a == "/out/dutygraph" {
			args[i] = out
		}
	}
	require.Contains(t, args, out, "the command writes /out/dutygraph")

	cmd := exec.CommandContext(t.Context(), args[0], args[1:]...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	output, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s\n%s", strings.Join(fields, " "), output)

	if runtime.GOOS != "linux" {
		t.Skipf("built; the static-binary check reads ELF, and this is %s", runtime.GOOS)
	}
	bin, err := elf.Open(out)
	require.NoError(t, err)
	defer bin.Close()
	for _, p := range bin.Progs {
		require.NotEqual(t, elf.PT_INTERP, p.Type, "a static binary has no dynamic loader")
	}
	libs, err := bin.ImportedLibraries()
	require.NoError(t, err)
	require.Empty(t, libs, "a static binary links no shared library")

	help, err := exec.CommandContext(t.Context(), out, "help").CombinedOutput()
	require.NoError(t, err, "%s", help)
	require.Contains(t, string(help), "Usage: dutygraph")
}
