package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// binary is the package whose linked modules the notices list.
const binary = "./cmd/dutygraph"

// releaseEnv is the build the notices describe: the Dockerfile's static
// Linux binary. Naming it makes the output the same on every developer's
// machine, whichever system it runs.
var releaseEnv = []string{"CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64"}

// licenceName and noticeName match the files that carry a module's terms
// (LICENSE, License.txt, LICENSE_list, COPYING) and its Apache NOTICE; not
// source files such as license.go.
var (
	licenceName = regexp.MustCompile(`(?i)^(licen[cs]e|copying)([-_][\w-]+)?(\.(md|txt|markdown|rst))?$`)
	noticeName  = regexp.MustCompile(`(?i)^notice(\.(md|txt))?$`)
)

// listedPackage is what the notices read of `go list -json`.
type listedPackage struct {
	Dir      string
	Standard bool
	Module   *struct {
		Path, Version, Dir, GoVersion string
		Main                          bool
	}
}

// goComponents are the modules linked into the binary, sorted by path,
// then the Go standard library and runtime, each with its licence files:
// those in the folders of its linked packages and their parents up to the
// module's root, so that a package that carries its own licence (like
// golang-lru's simplelru, part Go code) is listed with it.
func goComponents(root string) ([]component, error) {
	pkgs, err := listDeps(root)
	if err != nil {
		return nil, err
	}
	type module struct {
		version, dir string
		files        map[string]bool // paths relative to dir
	}
	modules := map[string]*module{}
	goVersion := ""
	for _, p := range pkgs {
		switch {
		case p.Standard:
			continue
		case p.Module == nil:
			return nil, fmt.Errorf("package in %s has no module", p.Dir)
		case p.Module.Main:
			goVersion = p.Module.GoVersion
			continue
		}
		m := modules[p.Module.Path]
		if m == nil {
			m = &module{version: p.Module.Version, dir: p.Module.Dir, files: map[string]bool{}}
			modules[p.Module.Path] = m
		}
		if err := findLicenceFiles(m.dir, p.Dir, m.files); err != nil {
			return nil, err
		}
	}

	var out []component
	for _, path := range slices.Sorted(maps.Keys(modules)) {
		m := modules[path]
		c, err := readComponent(path, m.version, m.dir, slices.Sorted(maps.Keys(m.files)))
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	goroot, err := goOutput(root, "env", "GOROOT")
	if err != nil {
		return nil, err
	}
	std, err := readComponent("Go standard library and runtime", "go"+goVersion, strings.TrimSpace(goroot), []string{"LICENSE"})
	if err != nil {
		return nil, err
	}
	return append(out, std), nil
}

func listDeps(root string) ([]listedPackage, error) {
	out, err := goOutput(root, "list", "-deps", "-json=Dir,Standard,Module", binary)
	if err != nil {
		return nil, err
	}
	var pkgs []listedPackage
	for dec := json.NewDecoder(strings.NewReader(out)); ; {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs, nil
		} else if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		pkgs = append(pkgs, p)
	}
}

// findLicenceFiles adds to files the licence and NOTICE files of pkgDir and
// of its parents up to moduleDir.
func findLicenceFiles(moduleDir, pkgDir string, files map[string]bool) error {
	for dir := pkgDir; ; dir = filepath.Dir(dir) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !e.IsDir() && (licenceName.MatchString(e.Name()) || noticeName.MatchString(e.Name())) {
				rel, err := filepath.Rel(moduleDir, filepath.Join(dir, e.Name()))
				if err != nil {
					return err
				}
				files[filepath.ToSlash(rel)] = true
			}
		}
		if dir == moduleDir || len(dir) <= len(moduleDir) {
			return nil
		}
	}
}

// readComponent reads a module's licence and NOTICE files and classifies
// the licence files. NOTICE files are attributions, not terms: they are
// carried, not classified.
func readComponent(name, version, dir string, files []string) (component, error) {
	c := component{name: name, version: version}
	var ids []string
	for _, rel := range files {
		text, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return component{}, err
		}
		c.files = append(c.files, namedText{name: rel, text: string(text)})
		if noticeName.MatchString(filepath.Base(rel)) {
			continue
		}
		found, err := classify(string(text))
		if err != nil {
			return component{}, fmt.Errorf("%s %s: %s: %w", name, version, rel, err)
		}
		ids = append(ids, found...)
	}
	if len(ids) == 0 {
		return component{}, fmt.Errorf("%s %s: no licence file in %s", name, version, dir)
	}
	slices.Sort(ids)
	c.licence = strings.Join(slices.Compact(ids), " AND ")
	return c, nil
}

// goOutput runs the go command in root for the release build.
func goOutput(root string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), releaseEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out), nil
}
